import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { ageingBucket } from '@/lib/loans/engine/ledger';
import { loanStateOn } from '@/lib/loans/loan-figures';
import { isKeptMonthEnd } from '@/lib/loans/month-ends';

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
 * (rewritten at every posting and by the daily refresh) are used when they are of today; for a kept
 * month end, its kept figures unless it is stale since; any other loan — and every loan for another
 * past date — is replayed by the loan engine from its ledger up to that date, so a past date gives
 * that day's figures, not today's.
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
  } else if (await isKeptMonthEnd(tx, asOf)) {
    replay = [];
    for (let i = 0; i < loanIds.length; i += 5000) {
      const kept = await keptOverdueOf(tx, loanIds.slice(i, i + 5000), asOf);
      result.push(...kept.kept);
      replay.push(...kept.stale);
    }
  }
  return [...result, ...(await replayOverdue(replay, asOf, tx))];
}

/** The kept figures of loans at a kept month end, and which of them are stale at it (to replay). */
async function keptOverdueOf(tx: Tx, loanIds: string[], monthEnd: Date): Promise<{ kept: LoanOverdue[]; stale: string[] }> {
  const rows = await tx.$queryRaw<{ loanId: string; overdue: bigint | null; daysPastDue: number | null; stale: boolean }[]>`
    SELECT i."loanId", m."overdue", m."daysPastDue", x."loanId" IS NOT NULL AS stale
    FROM unnest(${loanIds}::text[]::uuid[]) AS i("loanId")
    LEFT JOIN "LoanMonthEndStale" x ON x."loanId" = i."loanId" AND x."fromDate" <= ${monthEnd}::date
    LEFT JOIN "LoanMonthEnd" m ON m."monthEnd" = ${monthEnd}::date AND m."loanId" = i."loanId"
    WHERE x."loanId" IS NOT NULL OR m."loanId" IS NOT NULL`;
  return splitKept(rows);
}

/** Rows of kept figures (with the stale ones flagged) as overdue loans and loans to replay. */
export function splitKept(rows: { loanId: string; overdue: bigint | null; daysPastDue: number | null; stale: boolean }[]) {
  return {
    kept: rows.filter((r) => !r.stale && r.overdue !== null).map((r) => ({ loanId: r.loanId, overdue: r.overdue!, daysPastDue: r.daysPastDue! })),
    stale: rows.filter((r) => r.stale).map((r) => r.loanId),
  };
}

/** Overdue of loans at a date replayed by the loan engine from their postings up to it. */
export async function replayOverdue(loanIds: string[], asOf: Date, tx: Tx = db): Promise<LoanOverdue[]> {
  const result: LoanOverdue[] = [];
  for (let i = 0; i < loanIds.length; i += 500) {
    const loans = await tx.loan.findMany({
      where: { id: { in: loanIds.slice(i, i + 500) }, disbursedAt: { not: null } },
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

/** Overdue principal in all, and by ageing bucket (1–90, 91–180, 181–360, over 360 days). */
export interface OverdueFigures {
  amount: bigint;
  buckets: { fromDays: number; toDays: number | null; amount: bigint; loans: number }[];
}

/** Overdue loans counted by their ageing (lib/loans/engine/ledger.ts ageingBucket), summed. */
export interface OverdueByAgeing {
  ageing: string;
  loans: number;
  overdue: bigint;
}

export function overdueFigures(parts: OverdueByAgeing[]): OverdueFigures {
  return {
    amount: parts.reduce((s, p) => s + p.overdue, 0n),
    buckets: BUCKETS.map((b) => {
      const inBucket = parts.filter((p) => p.ageing === b.key);
      return { fromDays: b.fromDays, toDays: b.toDays, amount: inBucket.reduce((s, p) => s + p.overdue, 0n), loans: inBucket.reduce((s, p) => s + p.loans, 0) };
    }),
  };
}

/** One overdue loan, counted by its ageing. */
export const byAgeing = (o: LoanOverdue): OverdueByAgeing => ({ ageing: ageingBucket(o.daysPastDue), loans: 1, overdue: o.overdue });

/** The figures of a list of overdue loans. */
export const overdueFiguresOf = (overdue: LoanOverdue[]) => overdueFigures(overdue.map(byAgeing));
