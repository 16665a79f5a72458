import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { idempotencyMismatch, parseInput } from '@/lib/errors';
import { findLoanInScope } from './find-loan';
import { refreshLoan } from './loan-figures';
import { planRepayment } from './plan-repayment';
import { repaymentSchema, type RepaymentInput } from './schemas';

/**
 * Posts a repayment (thu nợ) in one transaction with the loan row locked: the engine splits it
 * (overdue interest, interest, overdue principal, principal due, then ahead of schedule), an
 * amount above what is payable is refused, and the same idempotency key never posts twice (with
 * another amount or day it is refused: 422 naming the key).
 */
export async function postRepayment(actor: Actor, loanId: string, input: RepaymentInput) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(repaymentSchema, input);
  return db.$transaction((tx) => postRepaymentInTx(actor, tx, loanId, data));
}

export async function postRepaymentInTx(actor: Actor, tx: Tx, loanId: string, data: { date: Date; amount: bigint; idempotencyKey?: string; note?: string }) {
  const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
  const key = data.idempotencyKey ? `${loanId}:${data.idempotencyKey}` : null;
  if (key) {
    const earlier = await tx.loanTransaction.findUnique({ where: { idempotencyKey: key } });
    if (earlier) {
      // The same key answers the same request only: another amount or day is another repayment.
      const same = earlier.kind === 'REPAYMENT' && earlier.amount === data.amount && earlier.date.getTime() === data.date.getTime();
      if (!same) throw idempotencyMismatch(data.idempotencyKey!);
      return { transaction: earlier, replayed: true };
    }
  }
  const row = planRepayment(loan, await tx.loanTransaction.findMany({ where: { loanId } }), data, actor.userId);
  const transaction = await tx.loanTransaction.create({ data: row });
  await refreshLoan(tx, loanId);
  await writeAudit(tx, auditActorOf(actor), { action: 'loan.repayment', entity: 'LoanTransaction', entityId: transaction.id, after: { loan: loan.number, ...transaction } });
  return { transaction, replayed: false };
}
