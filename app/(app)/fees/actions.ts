'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { addFeeRate, addFeeShareRule, computeFeeMonth, type AddFeeRateInput, type AddFeeShareInput } from '@/lib/fees';

export async function computeFeeMonthAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fees.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    const result = await computeFeeMonth(actor, { month: f.month ?? '', orgUnitId: f.orgUnitId });
    revalidatePath('/fees');
    return t('computed', { created: result.created, changed: result.changed.length });
  });
}

export async function addFeeRateAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fees.settings');
  return runAction(async (actor) => {
    await addFeeRate(actor, formFields(form) as unknown as AddFeeRateInput);
    revalidatePath('/fees');
    return t('saved');
  });
}

export async function addFeeShareAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('fees.settings');
  return runAction(async (actor) => {
    await addFeeShareRule(actor, formFields(form) as unknown as AddFeeShareInput);
    revalidatePath('/fees');
    return t('saved');
  });
}
