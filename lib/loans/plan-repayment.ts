import { randomUUID } from 'node:crypto';
import type { LoanTransaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { formatThousands } from '@/lib/money';
import { computeLoanState } from './engine/ledger';
import { assertStatus } from './find-loan';
import { eventsOf, termsOf, type LoanWithTerms } from './loan-terms';

export interface RepaymentRequest {
  date: Date;
  amount: bigint;
  idempotencyKey?: string;
  note?: string;
}

/**
 * Judges one repayment against a loan's ledger, in memory: the loan is disbursed or frozen, the
 * payment is positive, not before disbursement nor before the latest posting, and not above what
 * is payable. Returns the row to insert with the engine's split.
 */
export function planRepayment(loan: LoanWithTerms, transactions: LoanTransaction[], data: RepaymentRequest, postedById: string) {
  assertStatus(loan, 'DISBURSED', 'FROZEN');
  if (data.amount <= 0n) throw new AppError('VALIDATION', 'loans.amountPositive', {}, { amount: { key: 'loans.amountPositive' } });
  if (data.date < loan.disbursedAt!) throw new AppError('VALIDATION', 'loans.beforeDisbursement', {}, { date: { key: 'loans.beforeDisbursement' } });
  const latest = transactions.filter((t) => !t.reversedAt && t.kind !== 'DISBURSEMENT').reduce<Date | null>((m, t) => (!m || t.date > m ? t.date : m), null);
  if (latest && data.date < latest) throw new AppError('VALIDATION', 'loans.backdated', {}, { date: { key: 'loans.backdated' } });
  const id = randomUUID();
  // Only this payment is judged: an excess flagged in imported history must not block new postings.
  const state = computeLoanState(termsOf(loan), [...eventsOf(transactions), { kind: 'PAYMENT', id, date: data.date, amount: data.amount }], data.date);
  const excess = state.rejected.get(id);
  if (excess) {
    const params = { payable: formatThousands(data.amount - excess), excess: formatThousands(excess) };
    throw new AppError('VALIDATION', 'loans.overpayment', params, { amount: { key: 'loans.overpayment', params } });
  }
  const split = state.allocations.get(id)!;
  return {
    id, loanId: loan.id, kind: 'REPAYMENT' as const, date: data.date, amount: data.amount,
    principal: split.overduePrincipal + split.principal + split.prepayment,
    interest: split.interest, overdueInterest: split.overdueInterest,
    idempotencyKey: data.idempotencyKey ? `${loan.id}:${data.idempotencyKey}` : null, note: data.note ?? null, postedById,
  };
}
