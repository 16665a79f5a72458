'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { assertCan } from '@/lib/auth/actor';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { parseDateOnly } from '@/lib/calendar/date-only';
import { AppError } from '@/lib/errors';
import type { InspectionLevel } from '@/lib/db';
import { addAttachment, addFindings, CHECKLIST, closeFollowUp, createInspectionPlan, recordInspection, type RecordInspectionInput } from '@/lib/inspections';

export async function createPlanAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('inspections.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    const plan = await createInspectionPlan(actor, {
      title: f.title ?? '', kind: (f.kind ?? 'PERIODIC') as 'PERIODIC', periodFrom: f.periodFrom ?? '', periodTo: f.periodTo ?? '', team: f.team ?? '',
      communeIds: form.getAll('communeIds'), groupIds: form.getAll('groupIds'), memberIds: form.getAll('memberIds'),
    });
    revalidatePath('/inspections');
    return t('planCreated', { title: plan.title });
  });
}

export async function recordInspectionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  let id = '';
  const result = await runAction(async (actor) => {
    id = (await recordInspection(actor, formFields(form) as unknown as RecordInspectionInput)).id;
  });
  if (result.ok) redirect(`/inspections/${id}`);
  return result;
}

/** One row per checklist item with a result chosen; a failed row needs its follow-up fields. */
export async function addFindingsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('inspections.detail');
  const f = formFields(form);
  const id = f.id ?? '';
  return runAction(async (actor) => {
    const items = CHECKLIST[(f.level ?? 'GROUP') as InspectionLevel].flatMap((item, index) => {
      const result = f[`result-${item}`];
      if (result !== 'pass' && result !== 'fail') return [];
      const passed = result === 'pass';
      const followUp = passed ? undefined : { action: f[`action-${item}`] ?? '', owner: f[`owner-${item}`] ?? '', dueDate: f[`due-${item}`] ?? '' };
      if (followUp) {
        // The error names the first follow-up field left empty, or a due date that is no day.
        const params = { row: index + 1 };
        const empty = !followUp.action.trim() ? 'action' : !followUp.owner.trim() ? 'owner' : !followUp.dueDate.trim() ? 'due' : null;
        if (empty) throw new AppError('VALIDATION', 'inspections.followUpRequired', params, { [`${empty}-${item}`]: { key: 'inspections.followUpRequired', params } });
        const date = { key: 'validation.date', params: { field: 'dueDate' } };
        if (!parseDateOnly(followUp.dueDate)) throw new AppError('VALIDATION', date.key, date.params, { [`due-${item}`]: date });
      }
      return [{ item, passed, notes: f[`notes-${item}`], followUp }];
    });
    const saved = await addFindings(actor, id, { items, recallReason: f.recallReason });
    revalidatePath(`/inspections/${id}`);
    revalidatePath('/inspections');
    return t('findingsSaved', { count: saved.length });
  });
}

export async function uploadAttachmentAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('inspections.detail');
  const id = String(form.get('id') ?? '');
  const file = form.get('file');
  return runAction(async (actor) => {
    assertCan(actor, 'inspection:write'); // before reading the file
    if (!(file instanceof File)) throw new AppError('VALIDATION', 'inspections.file.empty', {}, { file: { key: 'inspections.file.empty' } });
    const saved = await addAttachment(actor, id, { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) });
    revalidatePath(`/inspections/${id}`);
    return t('uploaded', { name: saved.fileName });
  });
}

export async function closeFollowUpAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('inspections.page');
  const f = formFields(form);
  return runAction(async (actor) => {
    await closeFollowUp(actor, f.id ?? '', { note: f.note ?? '' });
    revalidatePath('/inspections');
    return t('closed');
  });
}
