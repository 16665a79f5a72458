'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { closeBreach, recordBreach, recordBreachNotice } from '@/lib/breaches';
import { formatDateTime } from '@/lib/i18n/format';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export async function recordBreachAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('breaches');
  return runAction(async (actor) => {
    const breach = await recordBreach(actor, {
      title: text(form, 'title'), description: text(form, 'description'), detectedOn: text(form, 'detectedOn'), detectedTime: text(form, 'detectedTime'),
      occurredOn: text(form, 'occurredOn'), dataCategories: form.getAll('dataCategories').map(String), peopleAffected: text(form, 'peopleAffected'),
      measures: text(form, 'measures'),
    });
    revalidatePath('/breaches');
    return t('recorded', { deadline: formatDateTime(breach.deadline) });
  });
}

export async function recordBreachNoticeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('breaches');
  return runAction(async (actor) => {
    await recordBreachNotice(actor, text(form, 'id'), { to: text(form, 'to'), date: text(form, 'date') });
    revalidatePath('/breaches');
    return t('noticeRecorded');
  });
}

export async function closeBreachAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('breaches');
  return runAction(async (actor) => {
    await closeBreach(actor, text(form, 'id'), { date: text(form, 'date') });
    revalidatePath('/breaches');
    return t('closed');
  });
}
