import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { assertStatus, findLoanInScope } from './find-loan';
import { appraisalSchema, approveSchema, rejectSchema, type AppraisalInput } from './schemas';

/** Thẩm định: the appraisal checklist. Every item must pass for the loan to be approvable. */
export async function appraiseLoan(actor: Actor, loanId: string, input: AppraisalInput) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(appraisalSchema, input);
  return db.$transaction(async (tx) => {
    const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
    assertStatus(loan, 'APPLIED', 'APPRAISED');
    const earlier = await tx.loanAppraisal.findUnique({ where: { loanId } });
    const appraisal = await tx.loanAppraisal.upsert({
      where: { loanId },
      create: { ...data, loanId, appraisedById: actor.userId },
      update: { ...data, appraisedById: actor.userId },
    });
    const passed = data.householdVisited && data.eligible && data.purposeFeasible && data.repaymentCapacity;
    await tx.loan.update({ where: { id: loanId }, data: { status: passed ? 'APPRAISED' : 'APPLIED' } });
    await writeAudit(tx, auditActorOf(actor), { action: 'loan.appraise', entity: 'Loan', entityId: loanId, before: earlier, after: appraisal });
    return appraisal;
  });
}

/** An appraisal is required for every revolving-fund loan and every round 2+ loan. */
export function needsAppraisal(loan: { round: number; programme: { fundSource: string } }) {
  return loan.programme.fundSource === 'REVOLVING' || loan.round >= 2;
}

/** Approval, by someone other than the person who entered the application. */
export async function approveLoan(actor: Actor, loanId: string, input: { amount?: string; decidedAt: string }) {
  assertCan(actor, 'loan:approve');
  const data = parseInput(approveSchema, input);
  return db.$transaction(async (tx) => {
    const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
    assertStatus(loan, 'APPLIED', 'APPRAISED');
    if (loan.appliedById === actor.userId) throw new AppError('FORBIDDEN', 'loans.fourEyes');
    // A required appraisal, or any appraisal done, must have passed.
    const appraised = await tx.loanAppraisal.count({ where: { loanId } });
    if ((needsAppraisal(loan) || appraised > 0) && loan.status !== 'APPRAISED') throw new AppError('CONFLICT', 'loans.appraisalRequired');
    const amount = data.amount ?? loan.amountRequested;
    if (amount > loan.amountRequested || amount <= 0n) {
      throw new AppError('VALIDATION', 'loans.approvedAboveRequested', {}, { amount: { key: 'loans.approvedAboveRequested' } });
    }
    const after = await tx.loan.update({ where: { id: loanId }, data: { status: 'APPROVED', amountApproved: amount, decidedById: actor.userId, decidedAt: data.decidedAt } });
    await writeAudit(tx, auditActorOf(actor), { action: 'loan.approve', entity: 'Loan', entityId: loanId, before: loan, after });
    return after;
  });
}

export async function rejectLoan(actor: Actor, loanId: string, input: { reason: string; decidedAt: string }) {
  assertCan(actor, 'loan:approve');
  const data = parseInput(rejectSchema, input);
  return db.$transaction(async (tx) => {
    const loan = await findLoanInScope(actor, loanId, tx, { lock: true });
    assertStatus(loan, 'APPLIED', 'APPRAISED');
    if (loan.appliedById === actor.userId) throw new AppError('FORBIDDEN', 'loans.fourEyes');
    const after = await tx.loan.update({ where: { id: loanId }, data: { status: 'REJECTED', rejectionReason: data.reason, decidedById: actor.userId, decidedAt: data.decidedAt } });
    await writeAudit(tx, auditActorOf(actor), { action: 'loan.reject', entity: 'Loan', entityId: loanId, before: loan, after });
    return after;
  });
}
