import { Prisma, type Tx } from '@/lib/db';
import { isScopeUnit, type LedgerScope } from '@/lib/ledger/posting-sums';
import { splitKept, type LoanOverdue, type OverdueByAgeing } from './overdue';
import type { FlowRow } from './summary-figures';

// The report figures read from the monthly pre-aggregate (LedgerMonth, LoanSpan), kept equal to the
// ledger by database triggers (migration ledger_months). They give the same rows as the ledger
// queries of summary-figures.ts for a period made of whole months, ending on a month's last day or
// on a day after which nothing was posted (see `snapshotCovers`).

export const snapshotFilter = (scope: LedgerScope) =>
  Prisma.sql`${scope.fundSource ? Prisma.sql`AND p."fundSource" = ${scope.fundSource}::"FundSource"` : Prisma.empty} ${scope.programmeId ? Prisma.sql`AND s."programmeId" = ${scope.programmeId}::uuid` : Prisma.empty}`;
/**
 * Rows per group (LedgerMonth), or per commune (CommuneLedgerMonth, twenty times fewer: what
 * districts and provinces read). Read per commune, a row's groupId is ''.
 */
export type Grain = 'group' | 'commune';
const owner = (grain: Grain) => (grain === 'group' ? Prisma.sql`s."orgUnitId", s."groupId"` : Prisma.sql`s."orgUnitId", ''::text AS "groupId"`);
export const fromSnapshot = (scope: LedgerScope, grain: Grain) => Prisma.sql`FROM ${Prisma.raw(grain === 'group' ? '"LedgerMonth"' : '"CommuneLedgerMonth"')} s
  JOIN "Programme" p ON p."id" = s."programmeId" AND ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)}`;

const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const isMonthEnd = (date: Date) => new Date(date.getTime() + 86_400_000).getUTCDate() === 1;

/** Whether the pre-aggregate gives the balances at the end of `date`: a month's end, or no movement after it. */
export async function snapshotCovers(tx: Tx, date: Date): Promise<boolean> {
  return isMonthEnd(date) || !(await movedAfter(tx, date));
}

/** Whether any loan posting or move is dated after `date` (LedgerMonth's latest event of each row). */
export async function movedAfter(tx: Tx, date: Date): Promise<boolean> {
  const later = await tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n FROM "LedgerMonth" WHERE "lastEventOn" > ${date} LIMIT 1`;
  return later.length > 0;
}

/**
 * Rows of the tally of the loans open now (decision 031), summed per owner, programme, ageing and whether their figures are of
 * `today` (read per commune, the owner and programme are '' but for a commune's loans to replay).
 */
export interface OpenLoanCount extends OverdueByAgeing {
  groupId: string;
  orgUnitId: string;
  programmeId: string;
  fresh: boolean;
}

/**
 * The subtree's loans open now, from OpenLoanTally: a few rows per group and programme (grain
 * 'group'). For a wider area (grain 'commune') what today's overdue needs: the loans whose figures
 * are of `today` summed by ageing over the whole area, the others per commune (to be replayed): the
 * country's 217,000 tally rows are a few dozen, not 43,000 sorted per commune.
 */
export async function openLoansNow(tx: Tx, scope: LedgerScope, today: Date, grain: Grain): Promise<OpenLoanCount[]> {
  const fresh = Prisma.sql`s."figuresOn" = ${today}::date`;
  const owner = grain === 'group'
    ? Prisma.sql`s."groupId", s."orgUnitId"::text, s."programmeId"::text`
    : Prisma.sql`''::text, CASE WHEN ${fresh} THEN '' ELSE s."orgUnitId"::text END, ''::text`;
  const rows = await tx.$queryRaw<(Omit<OpenLoanCount, 'loans'> & { loans: bigint })[]>`
    SELECT o."groupId", o."orgUnitId", o."programmeId", o."fresh", o."ageing", SUM(o."loans")::bigint AS "loans", SUM(o."overdue")::bigint AS "overdue" FROM (
      SELECT ${owner}, ${fresh} AS "fresh", s."ageing", s."loans", s."overdue"
      FROM "OpenLoanTally" s JOIN "Programme" p ON p."id" = s."programmeId" AND ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)}
      WHERE s."loans" > 0 ${snapshotFilter(scope)}
    ) o ("groupId", "orgUnitId", "programmeId", "fresh", "ageing", "loans", "overdue")
    GROUP BY 1, 2, 3, 4, 5`;
  return rows.map((r) => ({ ...r, loans: Number(r.loans) }));
}

/**
 * Groups, as their ids or as a query selecting each once (one column, "groupId"): the country's 45,000
 * groups with loans are then joined in the database, not sent to the server and back.
 */
export type GroupIds = Set<string> | Prisma.Sql;

/** The query of a set of group ids. */
export const groupIdsQuery = (groups: GroupIds) => (groups instanceof Set ? Prisma.sql`SELECT unnest(${[...groups]}::uuid[]) AS "groupId"` : groups);

/** The subtree's groups with a loan open now (OpenLoanTally), as a query. */
export function groupsOpenNow(scope: LedgerScope): Prisma.Sql {
  return Prisma.sql`
    SELECT DISTINCT s."groupId" FROM "OpenLoanTally" s JOIN "Programme" p ON p."id" = s."programmeId" AND ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)}
    WHERE s."loans" > 0 ${snapshotFilter(scope)}`;
}

/** The loans open now in these communes whose cached figures are not of `today` (to be replayed by the loan engine). */
export async function staleOpenLoans(tx: Tx, scope: LedgerScope, communeIds: string[], today: Date): Promise<string[]> {
  if (communeIds.length === 0) return [];
  const rows = await tx.$queryRaw<{ loanId: string }[]>`
    SELECT s."loanId" FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
    WHERE s."orgUnitId" = ANY(${communeIds}::uuid[]) AND s."closedOn" IS NULL AND s."cachedAsOf" IS DISTINCT FROM ${today}::date ${snapshotFilter(scope)}`;
  return rows.map((r) => r.loanId);
}

/** The ledger's flow rows (summary-figures.ts), with the number of loans lent and the change of the outstanding. */
export interface OwnedFlows extends FlowRow {
  loans: bigint;
  balanceChange: bigint;
}

/** Money lent and collected per owner and programme in the months from `from`'s to `to`'s, and the outstanding's change. */
export function snapshotFlows(tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain): Promise<OwnedFlows[]> {
  return tx.$queryRaw<OwnedFlows[]>`
    SELECT ${owner(grain)}, s."programmeId", SUM(s."disbursed")::bigint AS "disbursed", SUM(s."principalRepaid")::bigint AS "principalRepaid",
      SUM(s."interestCollected")::bigint AS "interestCollected", SUM(s."disbursedLoans")::bigint AS "loans", SUM(s."balanceChange")::bigint AS "balanceChange"
    ${fromSnapshot(scope, grain)}
    WHERE s."month" BETWEEN ${monthStart(from)} AND ${monthStart(to)} ${snapshotFilter(scope)}
    GROUP BY 1, 2, 3`;
}

export interface OwnedAmount {
  orgUnitId: string;
  groupId: string;
  programmeId: string;
  amount: bigint;
}

/** Outstanding principal per owner and programme at the end of `date`'s month. */
export function snapshotBalances(tx: Tx, scope: LedgerScope, date: Date, grain: Grain): Promise<OwnedAmount[]> {
  return tx.$queryRaw<OwnedAmount[]>`
    SELECT ${owner(grain)}, s."programmeId", SUM(s."balanceChange")::bigint AS "amount"
    ${fromSnapshot(scope, grain)}
    WHERE s."month" <= ${monthStart(date)} ${snapshotFilter(scope)}
    GROUP BY 1, 2, 3 HAVING SUM(s."balanceChange") <> 0`;
}

/** Outstanding per commune and programme now (CommuneBalance, decision 033): for a period ending today with nothing dated later. */
export function balancesNow(tx: Tx, scope: LedgerScope): Promise<OwnedAmount[]> {
  return tx.$queryRaw<OwnedAmount[]>`
    SELECT s."orgUnitId", ''::text AS "groupId", s."programmeId", s."balance" AS "amount"
    FROM "CommuneBalance" s JOIN "Programme" p ON p."id" = s."programmeId" AND ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)}
    WHERE s."balance" <> 0 ${snapshotFilter(scope)}`;
}

/** The groups with principal outstanding at the end of `date`'s month (from the per-group pre-aggregate), as a query. */
export function groupsWithBalance(scope: LedgerScope, date: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT s."groupId" ${fromSnapshot(scope, 'group')}
    WHERE s."month" <= ${monthStart(date)} ${snapshotFilter(scope)}
    GROUP BY s."groupId" HAVING SUM(s."balanceChange") > 0`;
}

/**
 * Spans whose commune at the end of `date` is in the subtree, in three parts each read by an index
 * from the subtree's own units (a commune's report reads its few hundred spans, not the country's):
 * a loan not moved after that day was its commune's now; one whose earliest move is after it, the
 * commune it left then (kept on the span, so a report across a reorganisation moving 120 000 loans
 * reads a column); only a loan moved both before and after it (a partial index holds the few moved
 * twice) looks up its first later move.
 */
const spansHeldOn = (scope: LedgerScope, day: Date) => {
  const date = Prisma.sql`${day}::date`;
  return Prisma.sql`(
  SELECT s."loanId", s."memberId", s."openedOn", s."closedOn" FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
  WHERE ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)} AND (s."lastMovedOn" IS NULL OR s."lastMovedOn" <= ${date})
    ${snapshotFilter(scope)}
  UNION ALL
  SELECT s."loanId", s."memberId", s."openedOn", s."closedOn" FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
  WHERE ${isScopeUnit(Prisma.sql`s."firstFromOrgUnitId"`, scope)} AND s."firstMovedOn" > ${date}
    ${snapshotFilter(scope)}
  UNION ALL
  SELECT s."loanId", s."memberId", s."openedOn", s."closedOn" FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
  WHERE s."firstMovedOn" < s."lastMovedOn" AND s."firstMovedOn" <= ${date} AND s."lastMovedOn" > ${date}
    AND ${isScopeUnit(Prisma.sql`(SELECT m."fromOrgUnitId" FROM "LoanMove" m WHERE m."loanId" = s."loanId" AND m."date" > ${date} ORDER BY m."date", m."id" LIMIT 1)`, scope)}
    ${snapshotFilter(scope)})`;
};

/** Whether the span's loan had principal outstanding at the end of `date`. */
const openOn = (date: Date) => Prisma.sql`s."openedOn" <= ${date} AND (s."closedOn" IS NULL OR s."closedOn" > ${date})`;

/** Distinct members with principal outstanding at the end of `date`. */
export async function borrowersOn(tx: Tx, scope: LedgerScope, date: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(DISTINCT s."memberId")::bigint AS n FROM ${spansHeldOn(scope, date)} s WHERE ${openOn(date)}`;
  return Number(rows[0]?.n ?? 0n);
}

/**
 * Distinct members with a loan open now, of the scope's fund source (or any): the communes' counts
 * (CommuneNow, decision 033), less the members counted in more than one of the scope's communes.
 * Not for one programme: MemberNow counts by fund source.
 */
export async function borrowersNow(tx: Tx, scope: Omit<LedgerScope, 'programmeId'>): Promise<number> {
  return (await communesNow(tx, scope, `loan:${scope.fundSource ?? '*'}`)).members;
}

export interface CommuneNowSum {
  /** Distinct members: each counted once however many of the scope's communes she has this kind in. */
  members: number;
  items: number;
  amount: bigint;
}

/**
 * One MemberNow kind summed over the scope's communes (decision 033). A member with that kind in
 * several of them (MemberSpread: the few with anything in more than one commune) is counted once.
 */
export async function communesNow(tx: Tx, scope: Pick<LedgerScope, 'path' | 'alsoPaths' | 'within' | 'unitIds'>, kind: string): Promise<CommuneNowSum> {
  const rows = await tx.$queryRaw<{ members: bigint | null; items: bigint | null; amount: bigint | null; twice: bigint | null }[]>`
    SELECT SUM(c."members")::bigint AS "members", SUM(c."items")::bigint AS "items", SUM(c."amount")::bigint AS "amount", (
      SELECT SUM(x.n - 1)::bigint FROM (
        SELECT COUNT(*) AS n FROM "MemberSpread" s JOIN "MemberNow" m ON m."memberId" = s."memberId"
        WHERE s."communes" > 1 AND m."kind" = ${kind} AND ${isScopeUnit(Prisma.sql`m."orgUnitId"`, scope)}
        GROUP BY s."memberId"
      ) x
    ) AS "twice"
    FROM "CommuneNow" c WHERE c."kind" = ${kind} AND ${isScopeUnit(Prisma.sql`c."orgUnitId"`, scope)}`;
  const r = rows[0];
  return { members: Number((r?.members ?? 0n) - (r?.twice ?? 0n)), items: Number(r?.items ?? 0n), amount: r?.amount ?? 0n };
}

/**
 * Distinct members lent to in [from, to] by the subtree, each loan counted for the commune that held
 * it on the day it opened (kept on its span). A calendar year, or its start up to a day after which
 * nothing was lent (`wholeYear`), is the communes' kept count of the year (decision 034).
 */
export async function borrowersLentTo(tx: Tx, scope: LedgerScope, from: Date, to: Date, { wholeYear = false } = {}): Promise<number> {
  if (wholeYear && !scope.programmeId) return (await communesNow(tx, scope, `lent${from.getUTCFullYear()}:${scope.fundSource ?? '*'}`)).members;
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(DISTINCT s."memberId")::bigint AS n FROM "LoanSpan" s JOIN "Programme" p ON p."id" = s."programmeId"
    WHERE ${isScopeUnit(Prisma.sql`s."openedOrgUnitId"`, scope)} AND s."openedOn" BETWEEN ${from} AND ${to} ${snapshotFilter(scope)}`;
  return Number(rows[0]?.n ?? 0n);
}

export interface CachedOverdue {
  loanId: string;
  overdue: bigint;
  daysPastDue: number;
  /** Whether the loan's cached figures are of `date` (else they must be replayed). */
  fresh: boolean;
}

/**
 * Loans outstanding at the end of `date` whose cached figures show an overdue, or are not of
 * `date` (to be replayed by the loan engine): a loan cached that day without overdue is left out.
 */
export function overdueCandidates(tx: Tx, scope: LedgerScope, date: Date): Promise<CachedOverdue[]> {
  return tx.$queryRaw<CachedOverdue[]>`
    SELECT l."id" AS "loanId", l."cachedOverdue" AS "overdue", l."cachedDaysPastDue" AS "daysPastDue", COALESCE(l."cachedAsOf" = ${date}::date, FALSE) AS "fresh"
    FROM ${spansHeldOn(scope, date)} s
    JOIN "Loan" l ON l."id" = s."loanId"
    WHERE ${openOn(date)} AND (l."cachedOverdue" > 0 OR l."cachedAsOf" IS DISTINCT FROM ${date}::date)`;
}

/**
 * The kept figures at a kept month end of the loans the subtree held open that day (only overdue
 * ones have a row), and the loans stale at it, which the caller replays by the loan engine.
 */
export async function keptOverdueInScope(tx: Tx, scope: LedgerScope, monthEnd: Date): Promise<{ kept: LoanOverdue[]; stale: string[] }> {
  const rows = await tx.$queryRaw<{ loanId: string; overdue: bigint | null; daysPastDue: number | null; stale: boolean }[]>`
    SELECT s."loanId", m."overdue", m."daysPastDue", x."loanId" IS NOT NULL AS stale
    FROM ${spansHeldOn(scope, monthEnd)} s
    LEFT JOIN "LoanMonthEndStale" x ON x."loanId" = s."loanId" AND x."fromDate" <= ${monthEnd}::date
    LEFT JOIN "LoanMonthEnd" m ON m."monthEnd" = ${monthEnd}::date AND m."loanId" = s."loanId"
    WHERE ${openOn(monthEnd)} AND (x."loanId" IS NOT NULL OR m."loanId" IS NOT NULL)`;
  return splitKept(rows);
}
