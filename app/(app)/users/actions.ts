'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { runAction, type ActionResult } from '@/lib/api/action';
import type { Role } from '@/lib/db';
import { formFields } from '@/lib/api/form';
import { createUser, resetPassword, revokeApiToken, updateUser } from '@/lib/users';

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

export async function createUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('users');
  return runAction(async (actor) => {
    const user = await createUser(actor, {
      username: text(form, 'username'),
      fullName: text(form, 'fullName'),
      password: text(form, 'password'),
      role: text(form, 'role') as Role,
      orgUnitId: text(form, 'orgUnitId'),
    });
    revalidatePath('/users');
    return t('created', { username: user.username });
  });
}

export async function updateUserAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('users');
  return runAction(async (actor) => {
    // Role and unit are not on the form for one's own account: send only what the form has.
    await updateUser(actor, text(form, 'id'), {
      fullName: text(form, 'fullName'),
      role: form.has('role') ? (text(form, 'role') as Role) : undefined,
      orgUnitId: form.has('orgUnitId') ? text(form, 'orgUnitId') : undefined,
    });
    revalidatePath('/users');
    return t('saved');
  });
}

export async function setUserActiveAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('users');
  return runAction(async (actor) => {
    const active = text(form, 'active') === 'true';
    await updateUser(actor, text(form, 'id'), { active });
    revalidatePath('/users');
    return active ? t('activated') : t('deactivated');
  });
}

export async function resetPasswordAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('users');
  return runAction(async (actor) => {
    await resetPassword(actor, text(form, 'id'), { password: text(form, 'password') });
    return t('passwordReset');
  });
}

export async function revokeTokenAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  const t = await getTranslations('users.tokens');
  const f = formFields(form);
  return runAction(async (actor) => {
    await revokeApiToken(actor, f.tokenId ?? '');
    revalidatePath('/account');
    if (f.userId) revalidatePath(`/users/${f.userId}`);
    return t('revoked');
  });
}
