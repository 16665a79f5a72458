import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/calendar/date-only';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { formatThousands } from '@/lib/money';
import { computeLoanState } from './engine/ledger';
import { assertStatus, findLoanInScope } from './find-loan';
import { eventsOf, refreshLoan, termsOf } from './loan-terms';
import { repaymentSchema, type RepaymentInput } from './schemas';

/**
 * Posts a repayment (thu nợ) in one transaction with the loan row locked: the engine splits it
 * (overdue interest, interest, overdue principal, principal due, then ahead of schedule), an
 * amount above what is payable is refused, and the same idempotency key never posts twice.
 */
export async function postRepayment(actor: Actor, loanId: string, input: RepaymentInput) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(repaymentSchema, input);
  if (data.date > todayInVietnam()) throw new AppError('VALIDATION', 'loans.futureDate', {}, { date: { key: 'loans.futureDate' } });
  return db.$transaction((tx) => postRepaymentInTx(actor, tx, loanId, data));
}

export async function postRepaymentInTx(actor: Actor, tx: Tx, loanId: string, data: { date: Date; amount: bigint; idempotencyKey?: string; note?: string }) {
  const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
  const key = data.idempotencyKey ? `${loanId}:${data.idempotencyKey}` : null;
  if (key) {
    const earlier = await tx.loanTransaction.findUnique({ where: { idempotencyKey: key } });
    if (earlier) return { transaction: earlier, replayed: true };
  }
  assertStatus(loan, 'DISBURSED', 'FROZEN');
  if (data.amount <= 0n) throw new AppError('VALIDATION', 'loans.amountPositive', {}, { amount: { key: 'loans.amountPositive' } });
  if (data.date < loan.disbursedAt!) throw new AppError('VALIDATION', 'loans.beforeDisbursement', {}, { date: { key: 'loans.beforeDisbursement' } });
  const transactions = await tx.loanTransaction.findMany({ where: { loanId } });
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
  const allocation = state.allocations.get(id)!;
  const transaction = await tx.loanTransaction.create({
    data: {
      id, loanId, kind: 'REPAYMENT', date: data.date, amount: data.amount,
      principal: allocation.overduePrincipal + allocation.principal + allocation.prepayment,
      interest: allocation.interest, overdueInterest: allocation.overdueInterest,
      idempotencyKey: key, note: data.note, postedById: actor.userId,
    },
  });
  await refreshLoan(tx, loanId);
  await writeAudit(tx, auditActorOf(actor), { action: 'loan.repayment', entity: 'LoanTransaction', entityId: id, after: { loan: loan.number, ...transaction } });
  return { transaction, replayed: false };
}
