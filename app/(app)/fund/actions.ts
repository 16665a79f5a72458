'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { addAllowanceRule, type AddAllowanceRuleInput, type AllocationInput, type RequestSettlementInput } from '@/lib/fees';
import { closeSettlement, decideSettlement, postAllocation, requestSettlement, transferForSettlement } from '@/lib/fund';
import { formatVnd } from '@/lib/money';

export async function allocationAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fund.page');
  return runAction(async (actor) => {
    const posted = await postAllocation(actor, formFields(form) as unknown as AllocationInput);
    revalidatePath('/fund');
    return t(posted.kind === 'ALLOCATE' ? 'allocated' : 'returned', { amount: formatVnd(posted.amount) });
  });
}

export async function allowanceRuleAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fund.page');
  return runAction(async (actor) => {
    await addAllowanceRule(actor, formFields(form) as unknown as AddAllowanceRuleInput);
    revalidatePath('/fund');
    return t('ruleSaved');
  });
}

export async function requestSettlementAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  let id = '';
  const result = await runAction(async (actor) => {
    id = (await requestSettlement(actor, formFields(form) as unknown as RequestSettlementInput)).id;
  });
  if (result.ok) redirect(`/fund/settlements/${id}`);
  return result;
}

export async function decideSettlementAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fund.settlement');
  const f = formFields(form);
  return runAction(async (actor) => {
    const decided = await decideSettlement(actor, f.id ?? '', { approve: f.decision ?? '', date: f.date ?? '', note: f.note });
    revalidatePath(`/fund/settlements/${f.id}`);
    return t(decided.status === 'APPROVED' ? 'approved' : 'rejected');
  });
}

export async function settlementTransferAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fund.settlement');
  const f = formFields(form);
  return runAction(async (actor) => {
    const moved = await transferForSettlement(actor, f.id ?? '', { memberId: f.memberId ?? '', groupId: f.groupId ?? '', date: f.date ?? '' });
    revalidatePath(`/fund/settlements/${f.id}`);
    return t('transferred', { name: moved.member.fullName, loans: moved.loansMoved, accounts: moved.accountsMoved });
  });
}

export async function closeSettlementAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fund.settlement');
  const f = formFields(form);
  return runAction(async (actor) => {
    await closeSettlement(actor, f.id ?? '', { date: f.date ?? '' });
    revalidatePath(`/fund/settlements/${f.id}`);
    return t('closed');
  });
}
