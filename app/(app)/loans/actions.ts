'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import {
  applyForLoan, appraiseLoan, approveLoan, decideReversalRequest, disburseGroup, disburseLoan, extendInstalment, freezeLoan, postRepayment,
  rejectLoan, requestReversal, reverseTransaction, writeOffLoan,
} from '@/lib/loans';
import { formatVnd } from '@/lib/money';

type Fields = Record<string, string>;

/** One server action per loan verb: read the form, call the service, say what happened. */
function loanAction(run: (actor: Parameters<Parameters<typeof runAction>[0]>[0], id: string, fields: Fields) => Promise<string>) {
  return async (_: ActionResult | null, form: FormData): Promise<ActionResult> => {
    const { id = '', ...fields } = formFields(form);
    return runAction(async (actor) => {
      const message = await run(actor, id, fields);
      revalidatePath(`/loans/${id}`);
      return message;
    });
  };
}

export async function applyForLoanAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('loans.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    const loan = await applyForLoan(actor, { memberId: f.memberId ?? '', programmeId: f.programmeId ?? '', amount: f.amount ?? '', termMonths: f.termMonths ?? '', purpose: f.purpose ?? '', appliedAt: f.appliedAt });
    revalidatePath('/loans');
    return t('applied', { number: loan.number });
  });
}

const t = () => getTranslations('loans.page');

export const appraiseAction = loanAction(async (actor, id, f) => {
  await appraiseLoan(actor, id, { householdVisited: f.householdVisited ?? '', eligible: f.eligible ?? '', purposeFeasible: f.purposeFeasible ?? '', repaymentCapacity: f.repaymentCapacity ?? '', notes: f.notes, appraiserName: f.appraiserName ?? '', appraisedAt: f.appraisedAt ?? '' });
  return (await t())('appraised');
});
export const approveAction = loanAction(async (actor, id, f) => {
  await approveLoan(actor, id, { amount: f.amount, decidedAt: f.decidedAt ?? '' });
  return (await t())('approved');
});
export const rejectAction = loanAction(async (actor, id, f) => {
  await rejectLoan(actor, id, { reason: f.reason ?? '', decidedAt: f.decidedAt ?? '' });
  return (await t())('rejected');
});
export const disburseAction = loanAction(async (actor, id, f) => {
  await disburseLoan(actor, id, { date: f.date ?? '', amount: f.amount, idempotencyKey: f.idempotencyKey });
  return (await t())('disbursed');
});
export const repayAction = loanAction(async (actor, id, f) => {
  const { transaction } = await postRepayment(actor, id, { date: f.date ?? '', amount: f.amount ?? '', idempotencyKey: f.idempotencyKey });
  return (await t())('repaid', { principal: formatVnd(transaction.principal), interest: formatVnd(transaction.interest), overdue: formatVnd(transaction.overdueInterest) });
});
export const reverseAction = loanAction(async (actor, id, f) => {
  await reverseTransaction(actor, id, { transactionId: f.transactionId ?? '', reason: f.reason ?? '' });
  return (await t())('reversedOk');
});
export const requestReversalAction = loanAction(async (actor, id, f) => {
  await requestReversal(actor, id, { transactionId: f.transactionId ?? '', reason: f.reason ?? '' });
  return (await t())('reversalRequested');
});
/** A leader's decision on a reversal request (`requestId`); the form also carries the loan's `id` for the page to refresh. */
export const decideReversalAction = loanAction(async (actor, _id, f) => {
  const approve = f.approve === '1';
  await decideReversalRequest(actor, f.requestId ?? '', { approve, note: f.note });
  return (await t())(approve ? 'reversalApproved' : 'reversalRejected');
});
export const extendAction = loanAction(async (actor, id, f) => {
  await extendInstalment(actor, id, { instalmentNo: f.instalmentNo ?? '', newDueDate: f.newDueDate ?? '', decisionNo: f.decisionNo ?? '', decisionDate: f.decisionDate ?? '', approver: f.approver ?? '' });
  return (await t())('decisionSaved');
});
export const freezeAction = loanAction(async (actor, id, f) => {
  await freezeLoan(actor, id, { date: f.date ?? '', decisionNo: f.decisionNo ?? '', decisionDate: f.decisionDate ?? '', approver: f.approver ?? '' });
  return (await t())('decisionSaved');
});
export const writeOffAction = loanAction(async (actor, id, f) => {
  await writeOffLoan(actor, id, { date: f.date ?? '', decisionNo: f.decisionNo ?? '', decisionDate: f.decisionDate ?? '', approver: f.approver ?? '' });
  return (await t())('decisionSaved');
});

export async function disburseGroupAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const f = formFields(form);
  return runAction(async (actor) => {
    const loans = await disburseGroup(actor, f.groupId ?? '', { date: f.date ?? '' });
    revalidatePath(`/groups/${f.groupId}`);
    return (await t())('batchDone', { count: loans.length });
  });
}
