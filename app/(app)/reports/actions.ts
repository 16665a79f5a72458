'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { recordBankPortfolio, type BankFigureInput } from '@/lib/reports';

export async function bankFigureAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('reports.share');
  return runAction(async (actor) => {
    await recordBankPortfolio(actor, formFields(form) as unknown as BankFigureInput);
    revalidatePath('/reports');
    return t('saved');
  });
}
