import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { assertFundOpen } from '@/lib/fund/guard';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, idempotencyMismatch, parseInput } from '@/lib/errors';
import { assertConsentsForDisbursement } from '@/lib/members/consent';
import { addMonths } from './engine/dates';
import { assertStatus, findLoanInScope } from './find-loan';
import { refreshLoan } from './loan-figures';
import { disburseSchema } from './schemas';

/** Giải ngân: pays out an approved loan (at most the approved amount); the schedule starts here. */
export async function disburseLoan(actor: Actor, loanId: string, input: { date: string; amount?: string; idempotencyKey?: string }) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(disburseSchema, input);
  return db.$transaction((tx) => disburseInTx(actor, tx, loanId, data));
}

export async function disburseInTx(actor: Actor, tx: Tx, loanId: string, data: { date: Date; amount?: bigint; idempotencyKey?: string }) {
  const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
  const key = data.idempotencyKey ? `${loanId}:${data.idempotencyKey}` : null;
  if (key) {
    // A retry with the same key answers with the loan as the first call left it, and posts nothing;
    // the same key with another amount or day is another request: 422 naming the key.
    const earlier = await tx.loanTransaction.findUnique({ where: { idempotencyKey: key } });
    if (earlier) {
      const same = earlier.kind === 'DISBURSEMENT' && earlier.date.getTime() === data.date.getTime() && earlier.amount === (data.amount ?? loan.amountApproved);
      if (!same) throw idempotencyMismatch(data.idempotencyKey!);
      return tx.loan.findUniqueOrThrow({ where: { id: loanId } });
    }
  }
  assertStatus(loan, 'APPROVED');
  const { fundSource } = await tx.programme.findUniqueOrThrow({ where: { id: loan.programmeId }, select: { fundSource: true } });
  await assertFundOpen(tx, loan.orgUnitId, fundSource, 'date');
  // Not lent yet, so no contract to perform: a consent withdrawn since the application stops it (decision 024).
  await assertConsentsForDisbursement(tx, loan, fundSource);
  const amount = data.amount ?? loan.amountApproved!;
  if (amount <= 0n || amount > loan.amountApproved!) {
    throw new AppError('VALIDATION', 'loans.disburseAboveApproved', {}, { amount: { key: 'loans.disburseAboveApproved' } });
  }
  if (loan.decidedAt && data.date < loan.decidedAt) throw new AppError('VALIDATION', 'loans.beforeApproval', {}, { date: { key: 'loans.beforeApproval' } });
  await tx.loanTransaction.create({
    data: { loanId, kind: 'DISBURSEMENT', date: data.date, amount, principal: amount, postedById: actor.userId, idempotencyKey: key },
  });
  const after = await tx.loan.update({
    where: { id: loanId },
    data: { status: 'DISBURSED', amountDisbursed: amount, disbursedAt: data.date, maturityDate: addMonths(data.date, loan.termMonths) },
  });
  await refreshLoan(tx, loanId);
  await writeAudit(tx, auditActorOf(actor), { action: 'loan.disburse', entity: 'Loan', entityId: loanId, before: loan, after });
  return after;
}
