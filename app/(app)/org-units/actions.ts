'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { runAction, type ActionResult } from '@/lib/api/action';
import { createOrgUnit, deleteOrgUnit, updateOrgUnit, type CreateOrgUnitInput } from '@/lib/org';
import { saveBankOffice } from '@/lib/org/bank-offices';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export async function createOrgUnitAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('org');
  return runAction(async (actor) => {
    const unit = await createOrgUnit(actor, { code: text(form, 'code'), name: text(form, 'name'), parentId: text(form, 'parentId'), level: text(form, 'level') as CreateOrgUnitInput['level'] });
    revalidatePath('/org-units');
    return t('created', { name: unit.name });
  });
}

export async function renameOrgUnitAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('org');
  return runAction(async (actor) => {
    await updateOrgUnit(actor, text(form, 'id'), {
      name: text(form, 'name'), unionMemberCount: text(form, 'unionMemberCount'), ...(form.has('cluster') ? { cluster: text(form, 'cluster') } : {}),
    });
    revalidatePath('/org-units');
    return t('saved');
  });
}

export async function moveOrgUnitAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('org');
  return runAction(async (actor) => {
    await updateOrgUnit(actor, text(form, 'id'), { parentId: text(form, 'parentId') });
    revalidatePath('/org-units');
    return t('moved');
  });
}

export async function setOrgUnitActiveAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('org');
  return runAction(async (actor) => {
    const active = text(form, 'active') === 'true';
    await updateOrgUnit(actor, text(form, 'id'), { active });
    revalidatePath('/org-units');
    return active ? t('activated') : t('deactivated');
  });
}

export async function deleteOrgUnitAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const result = await runAction((actor) => deleteOrgUnit(actor, text(form, 'id')));
  if (result.ok) {
    revalidatePath('/org-units');
    redirect('/org-units');
  }
  return result;
}

export async function saveBankOfficeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('bankOffices');
  return runAction(async (actor) => {
    const office = await saveBankOffice(actor, { code: text(form, 'code'), name: text(form, 'name'), communeCodes: text(form, 'communeCodes'), liaisons: text(form, 'liaisons') });
    revalidatePath('/org-units');
    return t('saved', { name: office.name });
  });
}
