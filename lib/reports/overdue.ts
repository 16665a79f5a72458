import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { ageingBucket } from '@/lib/loans/engine/ledger';
import { loanStateOn } from '@/lib/loans/loan-figures';

export const BUCKETS = [
  { key: '1-90', fromDays: 1, toDays: 90 },
  { key: '91-180', fromDays: 91, toDays: 180 },
  { key: '181-360', fromDays: 181, toDays: 360 },
  { key: '>360', fromDays: 361, toDays: null },
] as const;

export interface LoanOverdue {
  loanId: string;
  overdue: bigint;
  daysPastDue: number;
}

/**
 * Overdue principal and days past due of loans as of a date. For today, a loan's cached figures
 * (rewritten at every posting and by the daily refresh) are used when they are of today; any other
 * loan — and every loan for a past date — is replayed by the loan engine from its ledger up to that
 * date, so a past date gives that day's figures, not today's.
 */
export async function overdueAsOf(loanIds: string[], asOf: Date, tx: Tx = db): Promise<LoanOverdue[]> {
  const result: LoanOverdue[] = [];
  let replay = loanIds;
  if (asOf.getTime() === todayInVietnam().getTime()) {
    replay = [];
    for (let i = 0; i < loanIds.length; i += 5000) {
      const cached = await tx.loan.findMany({
        where: { id: { in: loanIds.slice(i, i + 5000) } },
        select: { id: true, cachedAsOf: true, cachedOverdue: true, cachedDaysPastDue: true },
      });
      for (const loan of cached) {
        if (loan.cachedAsOf?.getTime() !== asOf.getTime()) replay.push(loan.id);
        else if (loan.cachedOverdue > 0n) result.push({ loanId: loan.id, overdue: loan.cachedOverdue, daysPastDue: loan.cachedDaysPastDue });
      }
    }
  }
  for (let i = 0; i < replay.length; i += 500) {
    const loans = await tx.loan.findMany({
      where: { id: { in: replay.slice(i, i + 500) }, disbursedAt: { not: null } },
      include: { programme: { include: { rates: true } }, transactions: { where: { date: { lte: asOf } } } },
    });
    for (const loan of loans) {
      if (!loan.disbursedAt || loan.disbursedAt > asOf) continue;
      const state = loanStateOn(loan, asOf);
      if (state.overduePrincipal > 0n) result.push({ loanId: loan.id, overdue: state.overduePrincipal, daysPastDue: state.daysPastDue });
    }
  }
  return result;
}

/** Overdue loans by ageing bucket (1–90, 91–180, 181–360, over 360 days). */
export function bucketsOf(overdue: LoanOverdue[]) {
  return BUCKETS.map((b) => {
    const inBucket = overdue.filter((o) => ageingBucket(o.daysPastDue) === b.key);
    return { fromDays: b.fromDays, toDays: b.toDays, amount: inBucket.reduce((s, o) => s + o.overdue, 0n), loans: inBucket.length };
  });
}
