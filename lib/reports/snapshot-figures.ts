import { Prisma, type Tx } from '@/lib/db';
import { mayBelong, ownerColumn, pathInScope, programmeFilter, unitsInScope, type LedgerScope } from '@/lib/ledger/posting-sums';
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
  JOIN "OrgUnit" o ON o."id" = s."orgUnitId" AND ${pathInScope('o', scope)}
  JOIN "Programme" p ON p."id" = s."programmeId"`;

const monthStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
const isMonthEnd = (date: Date) => new Date(date.getTime() + 86_400_000).getUTCDate() === 1;

/** Whether the pre-aggregate gives the balances at the end of `date`: a month's end, or no movement after it. */
export async function snapshotCovers(tx: Tx, date: Date): Promise<boolean> {
  if (isMonthEnd(date)) return true;
  const later = await tx.$queryRaw<{ n: number }[]>`SELECT 1 AS n FROM "LedgerMonth" WHERE "lastEventOn" > ${date} LIMIT 1`;
  return later.length === 0;
}

/** The ledger's flow rows (summary-figures.ts), with the number of loans lent. */
export interface OwnedFlows extends FlowRow {
  loans: bigint;
}

/** Money lent and collected per owner and programme in the months from `from`'s to `to`'s. */
export function snapshotFlows(tx: Tx, scope: LedgerScope, from: Date, to: Date, grain: Grain): Promise<OwnedFlows[]> {
  return tx.$queryRaw<OwnedFlows[]>`
    SELECT ${owner(grain)}, s."programmeId", SUM(s."disbursed")::bigint AS "disbursed", SUM(s."principalRepaid")::bigint AS "principalRepaid",
      SUM(s."interestCollected")::bigint AS "interestCollected", SUM(s."disbursedLoans")::bigint AS "loans"
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

/**
 * The spans of the loans the subtree held on a day — or, for loans opened in a period, on their
 * opening day: loans not moved after it, by their commune now (an index read), and loans moved
 * after it by the commune they moved from at their first later move, then kept if in the subtree.
 * That first move is found for all loans in one ordered pass over the moves (of loans that ever
 * left the subtree), not one lookup per loan: a province's reorganisation moves 120 000 loans.
 */
const spansHeldOn = (scope: LedgerScope, when: { day: Date } | { openedFrom: Date; openedTo: Date }) => {
  const onDay = 'day' in when;
  const date = onDay ? Prisma.sql`${when.day}::date` : Prisma.sql`s."openedOn"`;
  const opened = onDay ? Prisma.empty : Prisma.sql`AND s."openedOn" BETWEEN ${when.openedFrom} AND ${when.openedTo}`;
  const leftScope = Prisma.sql`(SELECT x."loanId" FROM "LoanMove" x WHERE x."fromOrgUnitId" IN ${unitsInScope(scope)})`;
  return Prisma.sql`(
  SELECT s."loanId", s."memberId", s."openedOn", s."closedOn" FROM "LoanSpan" s
  JOIN "OrgUnit" o ON o."id" = s."orgUnitId" AND ${pathInScope('o', scope)}
  JOIN "Programme" p ON p."id" = s."programmeId"
  WHERE (s."lastMovedOn" IS NULL OR s."lastMovedOn" <= ${date}) ${opened} ${snapshotFilter(scope)}
  UNION ALL
  SELECT f."loanId", f."memberId", f."openedOn", f."closedOn" FROM (
    SELECT DISTINCT ON (s."loanId") s."loanId", s."memberId", s."openedOn", s."closedOn", m."fromOrgUnitId"
    FROM "LoanSpan" s
    JOIN "Programme" p ON p."id" = s."programmeId"
    JOIN "LoanMove" m ON m."loanId" = s."loanId" AND m."date" > ${date}
    WHERE s."lastMovedOn" > ${date} ${opened} ${snapshotFilter(scope)} AND s."loanId" IN ${leftScope}
    ORDER BY s."loanId", m."date", m."id"
  ) f WHERE f."fromOrgUnitId" IN ${unitsInScope(scope)})`;
};

/** Whether the span's loan had principal outstanding at the end of `date`. */
const openOn = (date: Date) => Prisma.sql`s."openedOn" <= ${date} AND (s."closedOn" IS NULL OR s."closedOn" > ${date})`;

/** Distinct members with principal outstanding at the end of `date`. */
export async function borrowersOn(tx: Tx, scope: LedgerScope, date: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(DISTINCT s."memberId")::bigint AS n FROM ${spansHeldOn(scope, { day: date })} s WHERE ${openOn(date)}`;
  return Number(rows[0]?.n ?? 0n);
}

/** Distinct members lent to in [from, to] by the subtree (a loan is disbursed once: its span opens then). */
export async function borrowersLentTo(tx: Tx, scope: LedgerScope, from: Date, to: Date): Promise<number> {
  const rows = await tx.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(DISTINCT s."memberId")::bigint AS n FROM ${spansHeldOn(scope, { openedFrom: from, openedTo: to })} s`;
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
    FROM (
      SELECT * FROM "Loan" WHERE "cachedAsOf" = ${date}::date AND "cachedOverdue" > 0
      UNION ALL
      SELECT * FROM "Loan" WHERE "cachedAsOf" < ${date}::date OR "cachedAsOf" > ${date}::date OR "cachedAsOf" IS NULL
    ) l
    JOIN "LoanSpan" s ON s."loanId" = l."id"
    JOIN "Programme" p ON p."id" = l."programmeId"
    WHERE ${openOn(date)} ${programmeFilter(scope)} AND ${mayBelong(scope)}
      AND ${ownerColumn('OrgUnit', Prisma.sql`${date}::date`, Prisma.sql`s."lastMovedOn"`)} IN ${unitsInScope(scope)}`;
}
