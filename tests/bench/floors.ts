import { Prisma } from '@/lib/db';
import { db } from '@/lib/db';

// The honest floor of a report case (issue 23 §1): the best single SQL statement over the app's own
// tables — the snapshot tables the triggers keep (CommuneLedgerMonth, LoanSpan, OpenLoanTally,
// CommuneNow, SavingsBalance) and the kept month ends — that computes the figures the case shows, per
// commune of the area:
// money lent, repaid and interest in the period with the loans lent, outstanding at the start and
// at the end, borrowers at the end and lent to in the period, overdue amount and loans, savings
// balance and accounts, active groups; a dashboard also its 24 months of lending and outstanding.
// It ignores what a real report must also do (loans moved by a reorganisation, units valid on the
// day, the reader's fund source, replaying stale cached figures), so it is a lower bound, and the
// harness checks that its totals equal the service's on the benchmark data (a faster floor that
// computed other figures would prove nothing).

export interface FloorTotals {
  disbursed: bigint;
  principalRepaid: bigint;
  interestCollected: bigint;
  outstandingEnd: bigint;
  savingsBalance: bigint;
}

const monthStart = (iso: string) => `${iso.slice(0, 7)}-01`;

/**
 * Savings by commune at the end of `to`: what the communes have now (CommuneNow) when no movement is dated after it,
 * else (a past period, e.g. a year-end) the balances kept at that month end if it is kept, or the
 * movements up to it — as the service decides.
 */
function savingsAt(to: string) {
  const later = Prisma.sql`EXISTS (SELECT 1 FROM "SavingsBalance" WHERE "lastEventOn" > ${to}::date)`;
  const kept = Prisma.sql`EXISTS (SELECT 1 FROM "MonthEndClose" WHERE "monthEnd" = ${to}::date AND "status" = 'DONE')`;
  return Prisma.sql`
    SELECT c."orgUnitId" AS id, c."amount" AS balance, c."items" AS accounts
    FROM "CommuneNow" c JOIN units u ON u.id = c."orgUnitId"
    WHERE NOT ${later} AND c."kind" = 'save:*'
    UNION ALL
    SELECT a."orgUnitId", SUM(k."balance"), COUNT(*)
    FROM "SavingsMonthEnd" k JOIN "SavingsAccount" a ON a.id = k."accountId" JOIN units u ON u.id = a."orgUnitId"
    WHERE ${later} AND ${kept} AND k."monthEnd" = ${to}::date GROUP BY 1
    UNION ALL
    SELECT a."orgUnitId", SUM(CASE WHEN t."kind" = 'DEPOSIT' THEN t."amount" ELSE -t."amount" END), COUNT(DISTINCT a."id")
    FROM "SavingsTransaction" t JOIN "SavingsAccount" a ON a.id = t."accountId" JOIN units u ON u.id = a."orgUnitId"
    WHERE ${later} AND NOT ${kept} AND t."reversedAt" IS NULL AND t."date" <= ${to}::date GROUP BY 1`;
}

/**
 * Overdue by commune at the end of `to`: the figures kept at that month end when it is kept
 * (a past year's end: lib/loans/month-ends.ts), else the open loans' tally of their cached figures
 * (today's: decision 031).
 */
function overdueAt(to: string) {
  return Prisma.sql`
    SELECT s."orgUnitId" AS id, SUM(m."overdue") AS amount, COUNT(*) AS loans
    FROM "LoanMonthEnd" m JOIN "LoanSpan" s ON s."loanId" = m."loanId" JOIN units u ON u.id = s."orgUnitId"
    WHERE m."monthEnd" = ${to}::date AND EXISTS (SELECT 1 FROM "MonthEndClose" WHERE "monthEnd" = ${to}::date AND "status" = 'DONE') GROUP BY 1
    UNION ALL
    SELECT t."orgUnitId", SUM(t."overdue"), SUM(t."loans")
    FROM "OpenLoanTally" t JOIN units u ON u.id = t."orgUnitId"
    WHERE t."ageing" <> '' AND NOT EXISTS (SELECT 1 FROM "MonthEndClose" WHERE "monthEnd" = ${to}::date AND "status" = 'DONE') GROUP BY 1`;
}

function floorSql(path: string, from: string, to: string, withTrend: boolean) {
  const trendFrom = new Date(`${monthStart(to)}T00:00:00Z`);
  trendFrom.setUTCMonth(trendFrom.getUTCMonth() - 23);
  const trend = withTrend
    ? Prisma.sql`, (SELECT json_agg(t ORDER BY t.month) FROM (
        SELECT c."month", SUM(c."disbursed") AS disbursed, SUM(SUM(c."balanceChange")) OVER (ORDER BY c."month") AS outstanding
        FROM "CommuneLedgerMonth" c JOIN units u ON u.id = c."orgUnitId" WHERE c."month" <= ${monthStart(to)}::date GROUP BY c."month"
      ) t WHERE t.month >= ${trendFrom}::date) AS trend`
    : Prisma.empty;
  // The service reads the year's kept counts for 1 January to 31 December, or to a day with nothing dated later.
  const wholeYear = from.slice(5) === '01-01' && from.slice(0, 4) === to.slice(0, 4);
  const keptYear = Prisma.sql`(${wholeYear} AND (${to.slice(5) === '12-31'} OR NOT (SELECT posted FROM later)))`;
  return Prisma.sql`
    WITH units AS (SELECT id FROM "OrgUnit" WHERE "path" LIKE ${`${path}%`} AND "level" = 'COMMUNE'),
    flows AS (
      SELECT c."orgUnitId" AS id,
        SUM(c."disbursed") FILTER (WHERE c."month" >= ${monthStart(from)}::date) AS disbursed,
        SUM(c."principalRepaid") FILTER (WHERE c."month" >= ${monthStart(from)}::date) AS repaid,
        SUM(c."interestCollected") FILTER (WHERE c."month" >= ${monthStart(from)}::date) AS interest,
        SUM(c."disbursedLoans") FILTER (WHERE c."month" >= ${monthStart(from)}::date) AS loans,
        SUM(c."balanceChange") FILTER (WHERE c."month" < ${monthStart(from)}::date) AS "outstandingStart",
        SUM(c."balanceChange") AS "outstandingEnd"
      FROM "CommuneLedgerMonth" c JOIN units u ON u.id = c."orgUnitId" WHERE c."month" <= ${monthStart(to)}::date GROUP BY 1),
    later AS (SELECT EXISTS (SELECT 1 FROM "LedgerMonth" WHERE "lastEventOn" > ${to}::date) AS posted),
    -- Borrowers lent to: the communes' counts of the year (CommuneNow, decision 034) for a whole year or a year to date
    -- with nothing dated later, else the spans opened in the period by their opening commune.
    "borrowersLent" AS (
      SELECT c."orgUnitId" AS id, c."members" AS n FROM "CommuneNow" c JOIN units u ON u.id = c."orgUnitId"
      WHERE ${keptYear} AND c."kind" = ${`lent${from.slice(0, 4)}:*`}
      UNION ALL
      SELECT s."openedOrgUnitId", COUNT(DISTINCT s."memberId") FROM "LoanSpan" s JOIN units u ON u.id = s."openedOrgUnitId"
      WHERE NOT ${keptYear}
        AND s."openedOn" BETWEEN ${from}::date AND ${to}::date GROUP BY 1),
    -- Borrowers at the end: the communes' counts now (CommuneNow) when nothing is dated after it, else the spans open then.
    "borrowersEnd" AS (
      SELECT c."orgUnitId" AS id, c."members" AS n FROM "CommuneNow" c JOIN units u ON u.id = c."orgUnitId"
      WHERE c."kind" = 'loan:*' AND NOT (SELECT posted FROM later)
      UNION ALL
      SELECT s."orgUnitId", COUNT(DISTINCT s."memberId") FROM "LoanSpan" s JOIN units u ON u.id = s."orgUnitId"
      WHERE (SELECT posted FROM later) AND s."openedOn" <= ${to}::date AND (s."closedOn" IS NULL OR s."closedOn" > ${to}::date) GROUP BY 1),
    overdue AS (${overdueAt(to)}),
    savings AS (${savingsAt(to)}),
    groups AS (SELECT g."orgUnitId" AS id, COUNT(*) AS active FROM "Group" g JOIN units u ON u.id = g."orgUnitId" WHERE g."status" = 'ACTIVE' GROUP BY 1),
    rows AS (
      SELECT u.id, f.disbursed, f.repaid, f.interest, f.loans, f."outstandingStart", f."outstandingEnd", e.n AS "borrowersEnd", b.n AS "borrowersLent",
        o.amount AS "overdue", o.loans AS "overdueLoans", s.balance AS "savings", s.accounts, g.active
      FROM units u LEFT JOIN flows f ON f.id = u.id LEFT JOIN "borrowersLent" b ON b.id = u.id LEFT JOIN "borrowersEnd" e ON e.id = u.id
        LEFT JOIN overdue o ON o.id = u.id
        LEFT JOIN savings s ON s.id = u.id LEFT JOIN groups g ON g.id = u.id)
    SELECT
      COALESCE(SUM(disbursed), 0)::bigint AS disbursed, COALESCE(SUM(repaid), 0)::bigint AS "principalRepaid",
      COALESCE(SUM(interest), 0)::bigint AS "interestCollected", COALESCE(SUM("outstandingEnd"), 0)::bigint AS "outstandingEnd",
      COALESCE(SUM(savings), 0)::bigint AS "savingsBalance", json_agg(rows) AS "byCommune" ${trend}
    FROM rows`;
}

/** Runs the floor of a summary (or, with the trend, a dashboard) of the area under `path`. */
export async function floorFigures(path: string, from: string, to: string, { withTrend }: { withTrend: boolean }): Promise<FloorTotals> {
  const [row] = await db.$queryRaw<FloorTotals[]>(floorSql(path, from, to, withTrend));
  return row!;
}

/** The service's totals in the floor's terms, to check the floor computes the same figures. */
export function serviceTotals(summary: {
  disbursed: { amount: bigint }; principalRepaid: { amount: bigint }; interestCollected: { amount: bigint };
  outstanding: { end: { amount: bigint } }; savings: { balance: bigint };
}): FloorTotals {
  return {
    disbursed: summary.disbursed.amount, principalRepaid: summary.principalRepaid.amount, interestCollected: summary.interestCollected.amount,
    outstandingEnd: summary.outstanding.end.amount, savingsBalance: summary.savings.balance,
  };
}

/** Figures that differ between the floor and the service (empty: the floor computes the same). */
export function floorMismatches(floor: FloorTotals, service: FloorTotals): string[] {
  return (Object.keys(service) as (keyof FloorTotals)[]).filter((k) => BigInt(floor[k]) !== BigInt(service[k])).map((k) => `${k}: floor ${floor[k]} ≠ service ${service[k]}`);
}
