'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { markReconciled } from '@/lib/reconciliation';

/** Marks a commune's month reconciled with the bank's list. */
export async function markReconciledAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const { id = '', note } = formFields(form);
  return runAction(async (actor) => {
    await markReconciled(actor, id, { note });
    revalidatePath(`/reconciliation/${id}`);
    return (await getTranslations('reconciliation.result'))('marked');
  });
}
