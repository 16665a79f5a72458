import { todayInVietnam } from '@/lib/clock';
import { monthOf } from '@/lib/calendar/date-only';
import { Prisma, type Tx } from '@/lib/db';
import { isScopeUnit, monthBounds, monthsBetween, type LedgerScope } from '@/lib/ledger/posting-sums';
import { fromSnapshot, movedAfter, snapshotFilter } from './snapshot-figures';

export interface TrendPoint {
  month: string;
  disbursed: bigint;
  principalRepaid: bigint;
  /** Outstanding principal at the month's end (for the current month: now). */
  outstanding: bigint;
}

/**
 * Month by month over [firstMonth, lastMonth]: money lent and principal repaid in the month, and the
 * outstanding at its end, from the monthly pre-aggregate of the ledger (CommuneLedgerMonth): the outstanding
 * at a month's end is the sum of every earlier month's change (lent − repaid − written off ± moved).
 * Up to the current month with nothing dated later (a dashboard), it is the outstanding now
 * (CommuneBalance, decision 033) less every later month's change, so only the months shown are read.
 */
export async function monthlyTrend(tx: Tx, scope: LedgerScope, firstMonth: string, lastMonth: string): Promise<TrendPoint[]> {
  const today = todayInVietnam();
  const fromNow = lastMonth === monthOf(today) && !(await movedAfter(tx, today));
  const [rows, now] = await Promise.all([
    tx.$queryRaw<{ month: string; disbursed: bigint; repaid: bigint; change: bigint }[]>`
      SELECT to_char(s."month", 'YYYY-MM') AS "month", SUM(s."disbursed")::bigint AS "disbursed", SUM(s."principalRepaid")::bigint AS "repaid", SUM(s."balanceChange")::bigint AS "change"
      ${fromSnapshot(scope, 'commune')}
      WHERE s."month" <= ${monthBounds(lastMonth).from} ${fromNow ? Prisma.sql`AND s."month" >= ${monthBounds(firstMonth).from}` : Prisma.empty} ${snapshotFilter(scope)}
      GROUP BY 1`,
    fromNow ? outstandingNow(tx, scope) : Promise.resolve(null),
  ]);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const months = monthsBetween(firstMonth, lastMonth);
  const point = (month: string, outstanding: bigint) => {
    const row = byMonth.get(month);
    return { month, disbursed: row?.disbursed ?? 0n, principalRepaid: row?.repaid ?? 0n, outstanding };
  };
  if (now !== null) {
    // Backwards from now: a month's end is the next month's end less that month's change.
    let outstanding = now;
    return months.reverse().map((month) => {
      const at = point(month, outstanding);
      outstanding -= byMonth.get(month)?.change ?? 0n;
      return at;
    }).reverse();
  }
  let outstanding = rows.filter((r) => r.month < firstMonth).reduce((s, r) => s + r.change, 0n);
  return months.map((month) => {
    outstanding += byMonth.get(month)?.change ?? 0n;
    return point(month, outstanding);
  });
}

/** The scope's outstanding now, from its communes' kept balances. */
async function outstandingNow(tx: Tx, scope: LedgerScope): Promise<bigint> {
  const rows = await tx.$queryRaw<{ amount: bigint | null }[]>`
    SELECT SUM(s."balance")::bigint AS "amount" FROM "CommuneBalance" s
    JOIN "Programme" p ON p."id" = s."programmeId" AND ${isScopeUnit(Prisma.sql`s."orgUnitId"`, scope)}
    WHERE TRUE ${snapshotFilter(scope)}`;
  return rows[0]?.amount ?? 0n;
}
