import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { addMonths } from './engine/dates';
import { AppError, parseInput } from '@/lib/errors';
import { assertStatus, findLoanInScope } from './find-loan';
import { refreshLoan } from './loan-figures';
import { extensionSchema, freezeSchema, reversalSchema, writeOffSchema } from './schemas';

type Decision = { decisionNo: string; decisionDate: string; approver: string };

/** Gia hạn: a new due date for one instalment, with its decision (number, date, approver). */
export async function extendInstalment(actor: Actor, loanId: string, input: Decision & { instalmentNo: number | string; newDueDate: string }) {
  assertCan(actor, 'loan:risk');
  const data = parseInput(extensionSchema, input);
  return recordDecision(actor, loanId, 'EXTENSION', data.decisionDate, data, { instalmentNo: data.instalmentNo, newDueDate: data.newDueDate }, (loan) => {
    if (data.instalmentNo > loan.termMonths) throw new AppError('VALIDATION', 'loans.noSuchInstalment', {}, { instalmentNo: { key: 'loans.noSuchInstalment' } });
    if (loan.disbursedAt && data.newDueDate <= addMonths(loan.disbursedAt, data.instalmentNo)) {
      throw new AppError('VALIDATION', 'loans.extensionNotLater', {}, { newDueDate: { key: 'loans.extensionNotLater' } });
    }
  });
}

/** Khoanh nợ: from the date, interest stops and the principal is set aside. */
export async function freezeLoan(actor: Actor, loanId: string, input: Decision & { date: string }) {
  assertCan(actor, 'loan:risk');
  const data = parseInput(freezeSchema, input);
  return recordDecision(actor, loanId, 'FREEZE', data.date, data, {});
}

/** Xóa nợ: the remaining principal and interest are written off. */
export async function writeOffLoan(actor: Actor, loanId: string, input: Decision & { date: string }) {
  assertCan(actor, 'loan:risk');
  const data = parseInput(writeOffSchema, input);
  return recordDecision(actor, loanId, 'WRITE_OFF', data.date, data, {});
}

async function recordDecision(
  actor: Actor,
  loanId: string,
  kind: 'EXTENSION' | 'FREEZE' | 'WRITE_OFF',
  date: Date,
  decision: { decisionNo: string; decisionDate: Date; approver: string },
  extra: { instalmentNo?: number; newDueDate?: Date },
  check: (loan: { termMonths: number; disbursedAt: Date | null }) => void = () => {},
) {
  return db.$transaction(async (tx) => {
    const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
    assertStatus(loan, 'DISBURSED', ...(kind === 'WRITE_OFF' ? ['FROZEN'] : []));
    check(loan);
    await assertDecisionDate(tx, loan, date);
    const transaction = await tx.loanTransaction.create({
      data: {
        loanId, kind, date, decisionNo: decision.decisionNo, decisionDate: decision.decisionDate, approver: decision.approver, ...extra,
        postedById: actor.userId,
      },
    });
    const state = await refreshLoan(tx, loanId, undefined, actor);
    // A decision must not change how repayments already posted were placed.
    if (state && state.rejected.size > 0) throw new AppError('CONFLICT', 'loans.decisionBreaksPostings');
    await writeAudit(tx, auditActorOf(actor), { action: `loan.${kind.toLowerCase()}`, entity: 'LoanTransaction', entityId: transaction.id, after: { loan: loan.number, ...transaction } });
    return transaction;
  });
}

/** Decisions take effect between the latest posting and today, like repayments. */
async function assertDecisionDate(tx: Tx, loan: { id: string; disbursedAt: Date | null }, date: Date) {
  if (loan.disbursedAt && date < loan.disbursedAt) throw new AppError('VALIDATION', 'loans.beforeDisbursement', {}, { date: { key: 'loans.beforeDisbursement' } });
  const later = await tx.loanTransaction.findFirst({ where: { loanId: loan.id, reversedAt: null, kind: { not: 'DISBURSEMENT' }, date: { gt: date } } });
  if (later) throw new AppError('VALIDATION', 'loans.backdated', {}, { date: { key: 'loans.backdated' } });
}

/** A correction: the transaction is marked reversed (never edited or deleted) and balances recomputed. */
export async function reverseTransaction(actor: Actor, loanId: string, input: { transactionId: string; reason: string }) {
  assertCan(actor, 'loan:risk');
  const data = parseInput(reversalSchema, input);
  return db.$transaction((tx) => reverseInTx(actor, tx, loanId, data));
}

/** The reversal itself, inside the caller's transaction (an approved reversal request runs it in its own). */
export async function reverseInTx(actor: Actor, tx: Tx, loanId: string, data: { transactionId: string; reason: string }) {
  const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
  const original = await tx.loanTransaction.findFirst({ where: { id: data.transactionId, loanId } });
  if (!original) throw new AppError('NOT_FOUND', 'errors.notFound');
  if (original.reversedAt) throw new AppError('CONFLICT', 'loans.alreadyReversed');
  const reversed = await tx.loanTransaction.update({
    where: { id: original.id },
    data: { reversedAt: new Date(), reversedById: actor.userId, reversalReason: data.reason },
  });
  if (original.kind === 'DISBURSEMENT') {
    // A mistyped disbursement is undone only while nothing else was posted: the loan is approved again.
    if ((await tx.loanTransaction.count({ where: { loanId, reversedAt: null } })) > 0) throw new AppError('CONFLICT', 'loans.reverseDisbursement');
    await tx.loan.update({ where: { id: loanId }, data: { status: 'APPROVED', amountDisbursed: null, disbursedAt: null, maturityDate: null, cachedOutstanding: 0n, cachedOverdue: 0n, cachedDaysPastDue: 0 } });
  }
  const state = original.kind === 'DISBURSEMENT' ? null : await refreshLoan(tx, loanId, undefined, actor);
  if (state && state.rejected.size > 0) throw new AppError('CONFLICT', 'loans.reverseLaterFirst');
  await writeAudit(tx, auditActorOf(actor), { action: 'loan.reversal', entity: 'LoanTransaction', entityId: original.id, before: original, after: { loan: loan.number, ...reversed } });
  return reversed;
}
