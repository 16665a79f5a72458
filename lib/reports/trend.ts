import type { Tx } from '@/lib/db';
import { monthBounds, monthsBetween, type LedgerScope } from '@/lib/ledger/posting-sums';
import { fromSnapshot, snapshotFilter } from './snapshot-figures';

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
 */
export async function monthlyTrend(tx: Tx, scope: LedgerScope, firstMonth: string, lastMonth: string): Promise<TrendPoint[]> {
  const rows = await tx.$queryRaw<{ month: string; disbursed: bigint; repaid: bigint; change: bigint }[]>`
    SELECT to_char(s."month", 'YYYY-MM') AS "month", SUM(s."disbursed")::bigint AS "disbursed", SUM(s."principalRepaid")::bigint AS "repaid", SUM(s."balanceChange")::bigint AS "change"
    ${fromSnapshot(scope, 'commune')}
    WHERE s."month" <= ${monthBounds(lastMonth).from} ${snapshotFilter(scope)}
    GROUP BY 1`;
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  let outstanding = rows.filter((r) => r.month < firstMonth).reduce((s, r) => s + r.change, 0n);
  return monthsBetween(firstMonth, lastMonth).map((month) => {
    const row = byMonth.get(month);
    outstanding += row?.change ?? 0n;
    return { month, disbursed: row?.disbursed ?? 0n, principalRepaid: row?.repaid ?? 0n, outstanding };
  });
}
