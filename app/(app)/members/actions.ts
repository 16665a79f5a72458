'use server';

import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import { formFields } from '@/lib/api/form';
import { assertCan } from '@/lib/auth/actor';
import { createMember, leaveMember, recordConsent, transferMember, updateMember, type CreateMemberInput, type RecordConsentInput } from '@/lib/members';
import { eraseMember } from '@/lib/privacy/anonymise';
import { parsePurpose, PURPOSE_COOKIE } from '@/lib/privacy/purpose';
import { liftRestriction, restrictProcessing } from '@/lib/privacy/restriction';

export async function createMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('members');
  return runAction(async (actor) => {
    const member = await createMember(actor, formFields(form) as unknown as CreateMemberInput);
    revalidatePath('/members');
    return t('created', { name: member.fullName });
  });
}

export async function updateMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('members');
  const { id, ...fields } = formFields(form);
  return runAction(async (actor) => {
    await updateMember(actor, id ?? '', { ...fields, isUnionMember: fields.isUnionMember ?? 'false' });
    revalidatePath(`/members/${id}`);
    return t('saved');
  });
}

export async function transferMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('members');
  const fields = formFields(form);
  return runAction(async (actor) => {
    const member = await transferMember(actor, fields.id ?? '', { groupId: fields.groupId ?? '', date: fields.date ?? '', moveLoans: fields.moveLoans });
    revalidatePath(`/members/${fields.id}`);
    return t('transferred', { code: member.group?.code ?? '' });
  });
}

export async function leaveMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('members');
  const fields = formFields(form);
  return runAction(async (actor) => {
    await leaveMember(actor, fields.id ?? '', { date: fields.date ?? '' });
    revalidatePath(`/members/${fields.id}`);
    return t('left');
  });
}

/** A district leader's or bank liaison's reason for reading members' records, kept until the browser closes (decision 025). */
export async function choosePurposeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const fields = formFields(form);
  return runAction(async (actor) => {
    assertCan(actor, 'register:read');
    (await cookies()).set(PURPOSE_COOKIE, parsePurpose(fields.purpose), { path: '/', sameSite: 'lax', httpOnly: true });
    revalidatePath(`/members/${fields.id}`);
  });
}

export async function recordConsentAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('members.consent');
  // (The form's fields are not named "action" and "method": those names would hide the form's own properties.)
  const { id, consentAction, consentMethod, ...fields } = formFields(form);
  return runAction(async (actor) => {
    await recordConsent(actor, id ?? '', { ...fields, action: consentAction, method: consentMethod } as RecordConsentInput);
    revalidatePath(`/members/${id}`);
    revalidatePath('/members');
    return t('recorded');
  });
}

/** Her request to restrict the processing of her data (decision 027). */
export async function restrictMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('privacy.memberCard');
  const { id, reason } = formFields(form);
  return runAction(async (actor) => {
    await restrictProcessing(actor, id ?? '', { reason });
    revalidatePath(`/members/${id}`);
    return t('restrictedDone');
  });
}

export async function liftRestrictionAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('privacy.memberCard');
  const { id } = formFields(form);
  return runAction(async (actor) => {
    await liftRestriction(actor, id ?? '');
    revalidatePath(`/members/${id}`);
    return t('liftedDone');
  });
}

/** Her request to erase her personal data: anonymisation, when the law keeps nothing of her (decision 027). */
export async function eraseMemberAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('privacy.memberCard');
  const { id } = formFields(form);
  return runAction(async (actor) => {
    await eraseMember(actor, id ?? '');
    revalidatePath(`/members/${id}`);
    revalidatePath('/members');
    return t('erased');
  });
}
