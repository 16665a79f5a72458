'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { setRetentionYears } from '@/lib/privacy/retention';

/** The installation's retention period for members' identities (decision 027). */
export async function setRetentionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('privacy.retention');
  return runAction(async (actor) => {
    const years = await setRetentionYears(actor, formFields(form));
    revalidatePath('/audit/personal-data');
    return t('saved', { years });
  });
}
