'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { createGroup, dissolveGroup, mergeGroups, rateGroup, RATING_CRITERIA, updateGroup, type CreateGroupInput } from '@/lib/groups';

export async function createGroupAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('groups');
  return runAction(async (actor) => {
    const group = await createGroup(actor, formFields(form) as unknown as CreateGroupInput);
    revalidatePath('/groups');
    return t('created', { code: group.code });
  });
}

export async function updateGroupAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('groups');
  const { id, ...fields } = formFields(form);
  return runAction(async (actor) => {
    await updateGroup(actor, id ?? '', fields);
    revalidatePath(`/groups/${id}`);
    return t('saved');
  });
}

export async function mergeGroupsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('groups');
  const fields = formFields(form);
  return runAction(async (actor) => {
    const result = await mergeGroups(actor, { survivorId: fields.survivorId ?? '', mergedId: fields.mergedId ?? '', date: fields.date ?? '', reason: fields.reason });
    revalidatePath(`/groups/${fields.survivorId}`);
    return t('merged', { count: result.movedMembers });
  });
}

export async function dissolveGroupAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('groups');
  const fields = formFields(form);
  return runAction(async (actor) => {
    await dissolveGroup(actor, fields.id ?? '', { date: fields.date ?? '', reason: fields.reason });
    revalidatePath(`/groups/${fields.id}`);
    return t('dissolved');
  });
}

export async function rateGroupAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('groups.rating');
  const fields = formFields(form);
  const scores = Object.fromEntries(RATING_CRITERIA.map(({ code }) => [code, fields[`scores.${code}`] ?? '']));
  return runAction(async (actor) => {
    const rating = await rateGroup(actor, fields.id ?? '', { year: fields.year ?? '', scores, notes: fields.notes });
    revalidatePath(`/groups/${fields.id}`);
    return t('saved', { year: rating.year, total: rating.total, grade: t(`grade.${rating.grade}`) });
  });
}
