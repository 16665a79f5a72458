import { Prisma, type FundSource, type Tx } from '@/lib/db';

// Sums over the loan ledger's postings (live, not reversed transactions), read by fee, allowance,
// fund and report statements: the one place their SQL is written. Each posting's split
// (principal, interest) is the loan engine's (lib/loans/loan-figures.ts writes it); the balance of a
// loan here (lent − principal repaid, zero once written off) and in the database's monthly
// snapshots (migration ledger_months) is proven equal to the engine's outstanding on random ledgers
// by lib/ledger/ledger-equals-engine.test.ts.
// A posting counts for the group and commune that held the loan on its date (see LoanMove): a loan
// moved on day D keeps its earlier postings with the old owner. The outstanding
// principal at a date counts for the owner on that date; a written-off loan's is zero from the
// write-off on. Interest collected = normal + overdue interest repaid.

export interface LedgerScope {
  /** The org-unit path whose subtree is read. */
  path: string;
  /**
   * Further subtrees read with it: units a reorganisation ended during the period, whose figures
   * are restated into their successors in this subtree (lib/org/reorganisation/restatement.ts).
   */
  alsoPaths?: string[];
  /** Only these subtrees of it: a bank office's communes (Actor.scopePaths). */
  within?: string[] | null;
  /** Only loans of programmes of this fund source, or of this programme. */
  fundSource?: FundSource;
  programmeId?: string;
  /**
   * The ids of the subtree's units that own records (not its chapters), read once by `withUnitIds`:
   * a list the planner can see, so a commune's report reads its own rows by index, not the country's.
   */
  unitIds?: string[];
}
type Scope = LedgerScope;

/** `<alias>."path"` inside the scope's subtree (or one of the subtrees restated into it), and within its part of it. */
export const pathInScope = (alias: string, scope: Pick<Scope, 'path' | 'alsoPaths' | 'within'>) => {
  const column = Prisma.raw(`${alias}."path"`);
  const within = scope.within ? Prisma.sql` AND ${column} LIKE ANY (${scope.within.map((p) => `${p}%`)}::text[])` : Prisma.empty;
  if (!scope.alsoPaths?.length) return Prisma.sql`${column} LIKE ${`${scope.path}%`}${within}`;
  return Prisma.sql`${column} LIKE ANY (${[scope.path, ...scope.alsoPaths].map((p) => `${p}%`)}::text[])${within}`;
};

export const programmeFilter = (scope: Scope) =>
  Prisma.sql`${scope.fundSource ? Prisma.sql`AND p."fundSource" = ${scope.fundSource}::"FundSource"` : Prisma.empty} ${scope.programmeId ? Prisma.sql`AND l."programmeId" = ${scope.programmeId}::uuid` : Prisma.empty}`;

/**
 * The owner of a loan after a date: the group and commune it moved from at its first move later
 * than `at`, else its current ones. The lookup runs only for loans moved after `at` (a hashed join
 * against each moved loan's latest move, or the span's `lastMovedOn`; CASE evaluates the subquery
 * lazily): after a reorganisation, postings and balances of later days read the current owner.
 */
export const movedLoans = Prisma.sql`LEFT JOIN (SELECT "loanId", MAX("date") AS "lastOn" FROM "LoanMove" GROUP BY 1) moved ON moved."loanId" = l."id"`;
export const ownerColumn = (column: 'Group' | 'OrgUnit', at: Prisma.Sql, lastMoved: Prisma.Sql = Prisma.sql`moved."lastOn"`) => Prisma.sql`COALESCE(CASE WHEN ${lastMoved} > ${at} THEN (
    SELECT m.${Prisma.raw(`"from${column}Id"`)} FROM "LoanMove" m WHERE m."loanId" = l."id" AND m."date" > ${at} ORDER BY m."date", m."id" LIMIT 1
  ) END, l.${Prisma.raw(`"${column === 'Group' ? 'groupId' : 'orgUnitId'}"`)})`;

/** The ids of the units of the scope's subtree(s): a set the database hashes once per query. */
export const unitsInScope = (scope: Pick<Scope, 'path' | 'alsoPaths' | 'within'>) => Prisma.sql`(SELECT u."id" FROM "OrgUnit" u WHERE ${pathInScope('u', scope)})`;

type UnitScope = Pick<Scope, 'path' | 'alsoPaths' | 'within' | 'unitIds'>;

/** The scope with the ids of its units that own records (communes, districts, provinces: not chapters), read once. */
export async function withUnitIds<T extends UnitScope>(tx: Tx, scope: T): Promise<T & { unitIds: string[] }> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT u."id" FROM "OrgUnit" u WHERE ${pathInScope('u', scope)} AND u."level" <> 'CHAPTER'`;
  return { ...scope, unitIds: rows.map((r) => r.id) };
}

/** `unit` (an org-unit id) is one of the scope's units: in the ids read once when the scope has them, else in the path subquery. */
export const isScopeUnit = (unit: Prisma.Sql, scope: UnitScope) =>
  scope.unitIds ? Prisma.sql`${unit} = ANY(${scope.unitIds}::uuid[])` : Prisma.sql`${unit} IN ${unitsInScope(scope)}`;

/**
 * Only loans in the subtree now, or moved out of one of its units (a transfer, a reorganisation),
 * can have postings owned by it: filtering on that first lets the database read one district's
 * loans, not the province's (nor, after a province's reorganisation, the country's).
 */
export const mayBelong = (scope: Scope) => Prisma.sql`(l."orgUnitId" IN ${unitsInScope(scope)}
  OR l."id" IN (SELECT m."loanId" FROM "LoanMove" m WHERE m."fromOrgUnitId" IN ${unitsInScope(scope)}))`;

/**
 * Live postings in [from, to], each with the group and commune that held the loan on its date.
 * OFFSET 0 keeps the owner computed once per posting: joined to the units outside, it would
 * otherwise be worked out for every pair of posting and unit (minutes once a province's loans moved).
 */
export const attributedPostings = (scope: Scope, to: Date, from?: Date) => Prisma.sql`
  SELECT t."kind", t."date", t."amount", t."principal", t."interest" + t."overdueInterest" AS interest, l."programmeId", t."loanId", l."memberId",
    ${ownerColumn('Group', Prisma.sql`t."date"`)} AS "groupId", ${ownerColumn('OrgUnit', Prisma.sql`t."date"`)} AS "orgUnitId"
  FROM "LoanTransaction" t
  JOIN "Loan" l ON l."id" = t."loanId"
  JOIN "Programme" p ON p."id" = l."programmeId"
  ${movedLoans}
  WHERE t."reversedAt" IS NULL AND t."date" <= ${to} ${from ? Prisma.sql`AND t."date" >= ${from}` : Prisma.empty} ${programmeFilter(scope)} AND ${mayBelong(scope)}
  OFFSET 0`;

/** Each loan's principal balance at `to`, with its owner then. */
export const balancesAt = (scope: Scope, to: Date) => Prisma.sql`
  SELECT l."id" AS "loanId", l."memberId", l."programmeId", ${ownerColumn('Group', Prisma.sql`${to}::date`)} AS "groupId", ${ownerColumn('OrgUnit', Prisma.sql`${to}::date`)} AS "orgUnitId",
    SUM(CASE WHEN t."kind" = 'DISBURSEMENT' THEN t."amount" WHEN t."kind" = 'REPAYMENT' THEN -t."principal" ELSE 0 END) AS balance,
    BOOL_OR(t."kind" = 'WRITE_OFF') AS written_off
  FROM "LoanTransaction" t
  JOIN "Loan" l ON l."id" = t."loanId"
  JOIN "Programme" p ON p."id" = l."programmeId"
  ${movedLoans}
  WHERE t."reversedAt" IS NULL AND t."date" <= ${to} ${programmeFilter(scope)} AND ${mayBelong(scope)}
  GROUP BY l."id", l."memberId", l."programmeId", moved."lastOn"`;

export const inSubtree = (scope: Scope) => Prisma.sql`JOIN "OrgUnit" o ON o."id" = x."orgUnitId" AND ${pathInScope('o', scope)}`;

export interface GroupFigures {
  groupId: string;
  orgUnitId: string;
  programmeId: string;
  interestCollected: bigint;
  outstandingEnd: bigint;
}

/** Per group and programme: interest collected in [from, to] and outstanding principal at `to`. */
export async function figuresByGroup(tx: Tx, scope: Scope, from: Date, to: Date): Promise<GroupFigures[]> {
  return tx.$queryRaw<GroupFigures[]>`
    SELECT x."groupId", x."orgUnitId", x."programmeId", SUM(x.interest)::bigint AS "interestCollected", SUM(x.outstanding)::bigint AS "outstandingEnd"
    FROM (
      SELECT "groupId", "orgUnitId", "programmeId", interest, 0 AS outstanding FROM (${attributedPostings(scope, to, from)}) a WHERE a."kind" = 'REPAYMENT' AND a."date" >= ${from}
      UNION ALL
      SELECT "groupId", "orgUnitId", "programmeId", 0, CASE WHEN written_off THEN 0 ELSE balance END FROM (${balancesAt(scope, to)}) b
    ) x ${inSubtree(scope)}
    GROUP BY x."groupId", x."orgUnitId", x."programmeId"`;
}

export interface CommuneFlows {
  orgUnitId: string;
  disbursed: bigint;
  principalRepaid: bigint;
  interestCollected: bigint;
  writtenOff: bigint;
  /** Principal outstanding of loans moved in from (or out to) another commune's board. */
  movedIn: bigint;
  movedOut: bigint;
  outstanding: bigint;
}

/** A loan's live principal balance over its postings that satisfy `on` (t2 is the posting). */
const liveBalance = (loanId: Prisma.Sql, on: Prisma.Sql) => Prisma.sql`COALESCE((
    SELECT SUM(CASE WHEN t2."kind" = 'DISBURSEMENT' THEN t2."amount" WHEN t2."kind" = 'REPAYMENT' THEN -t2."principal" ELSE 0 END)
    FROM "LoanTransaction" t2 WHERE t2."loanId" = ${loanId} AND t2."reversedAt" IS NULL AND ${on}), 0)`;

/**
 * The principal a move carries: the loan's balance at the end of the day before the move (zero once
 * written off before it), as the ledger snapshots' triggers count it — not the cached outstanding
 * when the move was recorded, which later or back-dated postings make wrong.
 */
const movedPrincipal = Prisma.sql`CASE
  WHEN EXISTS (SELECT 1 FROM "LoanTransaction" w WHERE w."loanId" = m."loanId" AND w."kind" = 'WRITE_OFF' AND w."reversedAt" IS NULL AND w."date" < m."date") THEN 0
  ELSE ${liveBalance(Prisma.sql`m."loanId"`, Prisma.sql`t2."date" < m."date"`)} END`;

/**
 * Per commune, over [from, to]: money lent, principal and interest collected, written off (for the
 * commune holding the loan on the write-off's date), moved in and out; outstanding at `to`.
 */
export async function flowsByCommune(tx: Tx, scope: Scope, from: Date, to: Date): Promise<CommuneFlows[]> {
  return tx.$queryRaw<CommuneFlows[]>`
    SELECT x."orgUnitId",
      SUM(x.disbursed)::bigint AS "disbursed", SUM(x.repaid)::bigint AS "principalRepaid", SUM(x.interest)::bigint AS "interestCollected",
      SUM(x.written_off)::bigint AS "writtenOff", SUM(x.moved_in)::bigint AS "movedIn", SUM(x.moved_out)::bigint AS "movedOut",
      SUM(x.outstanding)::bigint AS "outstanding"
    FROM (
      SELECT "orgUnitId",
        CASE WHEN "kind" = 'DISBURSEMENT' THEN "amount" ELSE 0 END AS disbursed,
        CASE WHEN "kind" = 'REPAYMENT' THEN "principal" ELSE 0 END AS repaid,
        CASE WHEN "kind" = 'REPAYMENT' THEN interest ELSE 0 END AS interest,
        CASE WHEN "kind" = 'WRITE_OFF' THEN ${liveBalance(Prisma.sql`a."loanId"`, Prisma.sql`t2."date" <= a."date"`)} ELSE 0 END AS written_off,
        0 AS moved_in, 0 AS moved_out, 0 AS outstanding
      FROM (${attributedPostings(scope, to, from)}) a WHERE a."date" >= ${from}
      UNION ALL
      SELECT "orgUnitId", 0, 0, 0, 0, 0, 0, CASE WHEN written_off THEN 0 ELSE balance END
      FROM (${balancesAt(scope, to)}) b
      UNION ALL
      SELECT m."toOrgUnitId", 0, 0, 0, 0, ${movedPrincipal}, 0, 0
      FROM "LoanMove" m JOIN "Loan" l ON l."id" = m."loanId" JOIN "Programme" p ON p."id" = l."programmeId"
      WHERE m."fromOrgUnitId" <> m."toOrgUnitId" AND m."date" BETWEEN ${from} AND ${to} ${programmeFilter(scope)}
      UNION ALL
      SELECT m."fromOrgUnitId", 0, 0, 0, 0, 0, ${movedPrincipal}, 0
      FROM "LoanMove" m JOIN "Loan" l ON l."id" = m."loanId" JOIN "Programme" p ON p."id" = l."programmeId"
      WHERE m."fromOrgUnitId" <> m."toOrgUnitId" AND m."date" BETWEEN ${from} AND ${to} ${programmeFilter(scope)}
    ) x ${inSubtree(scope)}
    GROUP BY x."orgUnitId"`;
}

export interface GroupMonthInterest {
  groupId: string;
  orgUnitId: string;
  month: string;
  interest: bigint;
}

/** Interest collected per group and calendar month in [from, to]. */
export async function interestByGroupMonth(tx: Tx, scope: Scope, from: Date, to: Date): Promise<GroupMonthInterest[]> {
  return tx.$queryRaw<GroupMonthInterest[]>`
    SELECT x."groupId", x."orgUnitId", to_char(x."date", 'YYYY-MM') AS "month", SUM(x.interest)::bigint AS "interest"
    FROM (${attributedPostings(scope, to, from)}) x ${inSubtree(scope)}
    WHERE x."kind" = 'REPAYMENT' AND x."date" >= ${from}
    GROUP BY x."groupId", x."orgUnitId", 3`;
}

/** Members of each group on the last day of each month, from the membership history. */
export async function membersAtMonthEnds(tx: Tx, groupIds: string[], months: string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (groupIds.length === 0 || months.length === 0) return counts;
  const spans = await tx.memberGroupHistory.findMany({ where: { groupId: { in: groupIds } }, select: { groupId: true, fromDate: true, toDate: true } });
  for (const month of months) {
    const end = monthBounds(month).to;
    for (const span of spans) {
      if (span.fromDate <= end && (!span.toDate || span.toDate > end)) counts.set(`${span.groupId}:${month}`, (counts.get(`${span.groupId}:${month}`) ?? 0) + 1);
    }
  }
  return counts;
}

/** "2026-10" → 1 and 31 October 2026 (dates at UTC midnight, as date-only columns are read). */
export function monthBounds(month: string): { from: Date; to: Date } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return { from: new Date(Date.UTC(year, mon - 1, 1)), to: new Date(Date.UTC(year, mon, 0)) };
}

/** The months from one to another, inclusive ("2026-01".."2026-03" → three). */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let { from } = monthBounds(first);
  const end = monthBounds(last).from;
  while (from <= end) {
    months.push(from.toISOString().slice(0, 7));
    from = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1));
  }
  return months;
}
