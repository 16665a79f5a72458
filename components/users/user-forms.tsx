import { getTranslations } from 'next-intl/server';
import { createUserAction, resetPasswordAction, setUserActiveAction, updateUserAction } from '@/app/(app)/users/actions';
import { ActionForm } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/fields';
import type { Actor } from '@/lib/auth/actor';
import { ROLES } from '@/lib/auth/permissions';
import type { OrgUnit, User } from '@/lib/db';

type Option = { value: string; label: string };

export async function roleOptions(actor: Actor): Promise<Option[]> {
  const t = await getTranslations('roles');
  return ROLES.filter((role) => role !== 'ADMIN' || actor.role === 'ADMIN').map((role) => ({ value: role, label: t(role) }));
}

export async function unitOptions(units: OrgUnit[]): Promise<Option[]> {
  const t = await getTranslations('levels');
  return units.filter((u) => u.level !== 'CHAPTER').map((u) => ({ value: u.id, label: `${u.name} (${u.code}) · ${t(u.level)}` }));
}

export async function CreateUserForm({ roles, units }: { roles: Option[]; units: Option[] }) {
  const t = await getTranslations();
  return (
    <ActionForm action={createUserAction} submitLabel={t('users.create')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('fields.username')} name="username" autoComplete="off" required hint={t('users.usernameHint')} />
        <TextField label={t('fields.fullName')} name="fullName" autoComplete="off" required />
        <TextField label={t('fields.password')} name="password" type="password" autoComplete="new-password" required hint={t('users.passwordHint')} />
        <SelectField label={t('fields.role')} name="role" options={roles} defaultValue="COMMUNE_OFFICER" />
      </div>
      <SelectField label={t('fields.orgUnitId')} name="orgUnitId" options={units} />
    </ActionForm>
  );
}

export async function EditUserForms({ user, roles, units, self }: { user: Omit<User, 'passwordHash'>; roles: Option[]; units: Option[]; self: boolean }) {
  const t = await getTranslations();
  return (
    <div className="space-y-6">
      <ActionForm action={updateUserAction} submitLabel={t('users.save')}>
        <input type="hidden" name="id" value={user.id} />
        <TextField label={t('fields.fullName')} name="fullName" defaultValue={user.fullName} required />
        {!self && (
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField label={t('fields.role')} name="role" options={roles} defaultValue={user.role} />
            <SelectField label={t('fields.orgUnitId')} name="orgUnitId" options={units} defaultValue={user.orgUnitId} />
          </div>
        )}
      </ActionForm>
      <ActionForm action={resetPasswordAction} submitLabel={t('users.resetPassword')} variant="secondary" resetOnSuccess>
        <input type="hidden" name="id" value={user.id} />
        <TextField label={t('users.newPassword')} name="password" type="password" autoComplete="new-password" required hint={t('users.passwordHint')} />
      </ActionForm>
      {!self && (
        <ActionForm
          action={setUserActiveAction}
          submitLabel={user.active ? t('users.deactivate') : t('users.activate')}
          variant={user.active ? 'danger' : 'secondary'}
          confirm={user.active ? t('users.confirmDeactivate', { username: user.username }) : undefined}
        >
          <input type="hidden" name="id" value={user.id} />
          <input type="hidden" name="active" value={String(!user.active)} />
        </ActionForm>
      )}
    </div>
  );
}
