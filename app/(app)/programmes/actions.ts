'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { addProgrammeRate, createProgramme, setProgrammeActive } from '@/lib/programmes/manage-programmes';
import type { CreateProgrammeInput } from '@/lib/programmes/schemas';

export async function createProgrammeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('programmes');
  return runAction(async (actor) => {
    const programme = await createProgramme(actor, formFields(form) as unknown as CreateProgrammeInput);
    revalidatePath('/programmes');
    return t('created', { code: programme.code });
  });
}

export async function addRateAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('programmes');
  const f = formFields(form);
  return runAction(async (actor) => {
    await addProgrammeRate(actor, f.id ?? '', { monthlyRate: f.monthlyRate ?? '', effectiveFrom: f.effectiveFrom ?? '' });
    revalidatePath('/programmes');
    return t('rateAdded');
  });
}

export async function setProgrammeActiveAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('programmes');
  const f = formFields(form);
  return runAction(async (actor) => {
    await setProgrammeActive(actor, f.id ?? '', f.active === 'true');
    revalidatePath('/programmes');
    return t('saved');
  });
}
