'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { formatVnd } from '@/lib/money';
import { listMemberAccounts, openSavingsAccount, postSavingsMovement } from '@/lib/savings';

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
