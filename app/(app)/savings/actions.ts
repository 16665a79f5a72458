'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { formatVnd } from '@/lib/money';
import { createScheme, listMemberAccounts, openSavingsAccount, postSavingsMovement, updateScheme, type CreateSchemeInput, type UpdateSchemeInput } from '@/lib/savings';

export async function openAccountAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('savings.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    await openSavingsAccount(actor, { memberId: f.memberId ?? '', schemeId: f.schemeId ?? '', openedAt: f.openedAt });
    revalidatePath(`/members/${f.memberId}`);
    return t('opened');
  });
}

export async function savingsMovementAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('savings.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    const kind = f.kind === 'WITHDRAWAL' ? 'WITHDRAWAL' : 'DEPOSIT';
    await postSavingsMovement(actor, f.accountId ?? '', kind, { date: f.date ?? '', amount: f.amount ?? '', noticeDate: f.noticeDate, idempotencyKey: f.idempotencyKey });
    const account = (await listMemberAccounts(actor, f.memberId ?? '')).find((a) => a.id === f.accountId);
    revalidatePath(`/members/${f.memberId}`);
    return t('posted', { amount: formatVnd(account?.balance ?? 0n) });
  });
}

export async function createSchemeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('savings.schemes');
  return runAction(async (actor) => {
    const scheme = await createScheme(actor, formFields(form) as unknown as CreateSchemeInput);
    revalidatePath('/savings');
    return t('created', { code: scheme.code });
  });
}

export async function updateSchemeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('savings.schemes');
  const { id, ...fields } = formFields(form);
  return runAction(async (actor) => {
    const scheme = await updateScheme(actor, id ?? '', fields as unknown as UpdateSchemeInput);
    revalidatePath('/savings');
    return t('saved', { code: scheme.code });
  });
}
