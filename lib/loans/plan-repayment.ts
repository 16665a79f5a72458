import { randomUUID } from 'node:crypto';
import type { LoanTransaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { formatThousands } from '@/lib/money';
import { computeLoanState } from './engine/ledger';
import { eventsOf, termsOf, type LoanWithTerms } from './loan-terms';

export interface RepaymentRequest {
  date: Date;
  amount: bigint;
  idempotencyKey?: string;
  note?: string;
}

/** The latest date of a loan's live postings other than its disbursement: no repayment may come before it. */
export function latestPostingDate(transactions: LoanTransaction[]): Date | null {
  return transactions.filter((t) => !t.reversedAt && t.kind !== 'DISBURSEMENT').reduce<Date | null>((m, t) => (!m || t.date > m ? t.date : m), null);
}

/**
 * What refuses a repayment before the ledger is asked: the loan is not disbursed or frozen, the
 * amount is not positive, the day is before disbursement or before the latest posting. Null when
 * none does. Shared by the single posting and the import of many (lib/loans/plan-repayments.ts).
 */
export function repaymentRefusal(loan: LoanWithTerms, latest: Date | null, data: { date: Date; amount: bigint | null }): AppError | null {
  if (loan.status !== 'DISBURSED' && loan.status !== 'FROZEN') return new AppError('CONFLICT', 'loans.wrongStatus', { number: loan.number, status: loan.status });
  if (data.amount !== null && data.amount <= 0n) return new AppError('VALIDATION', 'loans.amountPositive', {}, { amount: { key: 'loans.amountPositive' } });
  if (data.date < loan.disbursedAt!) return new AppError('VALIDATION', 'loans.beforeDisbursement', {}, { date: { key: 'loans.beforeDisbursement' } });
  if (latest && data.date < latest) return new AppError('VALIDATION', 'loans.backdated', {}, { date: { key: 'loans.backdated' } });
  return null;
}

/** The refusal of an amount above what is payable. */
export function overpayment(amount: bigint, excess: bigint): AppError {
  const params = { payable: formatThousands(amount - excess), excess: formatThousands(excess) };
  return new AppError('VALIDATION', 'loans.overpayment', params, { amount: { key: 'loans.overpayment', params } });
}

/**
 * Judges one repayment against a loan's ledger, in memory: the loan is disbursed or frozen, the
 * payment is positive, not before disbursement nor before the latest posting, and not above what
 * is payable. Returns the row to insert with the engine's split.
 */
export function planRepayment(loan: LoanWithTerms, transactions: LoanTransaction[], data: RepaymentRequest, postedById: string) {
  const refusal = repaymentRefusal(loan, latestPostingDate(transactions), data);
  if (refusal) throw refusal;
  const id = randomUUID();
  // Only this payment is judged: an excess flagged in imported history must not block new postings.
  const state = computeLoanState(termsOf(loan), [...eventsOf(transactions), { kind: 'PAYMENT', id, date: data.date, amount: data.amount }], data.date);
  const excess = state.rejected.get(id);
  if (excess) throw overpayment(data.amount, excess);
  const split = state.allocations.get(id)!;
  return {
    id, loanId: loan.id, kind: 'REPAYMENT' as const, date: data.date, amount: data.amount,
    principal: split.overduePrincipal + split.principal + split.prepayment,
    interest: split.interest, overdueInterest: split.overdueInterest,
    idempotencyKey: data.idempotencyKey ? `${loan.id}:${data.idempotencyKey}` : null, note: data.note ?? null, postedById,
  };
}
