'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { runJobNow } from '@/lib/jobs';

export async function runJobNowAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('jobs');
  return runAction(async (actor) => {
    await runJobNow(actor, String(form.get('name') ?? ''));
    revalidatePath('/jobs');
    return t('started');
  });
}
