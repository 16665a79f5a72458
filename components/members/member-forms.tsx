import { getTranslations } from 'next-intl/server';
import { createMemberAction, leaveMemberAction, transferMemberAction, updateMemberAction } from '@/app/(app)/members/actions';
import type { Option } from '@/components/groups/group-options';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import type { Member } from '@/lib/db';

/** A member as the page shows her (lib/members/pii.ts memberView). */
type MemberView = Omit<Member, 'activeNationalId' | 'searchName' | 'sortKey'>;
import { MoveLoansError } from './move-loans-error';

interface Choices {
  genders: Option[];
  categories: Option[];
  chapters: Option[];
}

async function PersonFields({ member, choices }: { member?: MemberView; choices: Choices }) {
  const t = await getTranslations();
  const none = { value: '', label: t('common.none') };
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      <TextField label={t('fields.fullName')} name="fullName" defaultValue={member?.fullName} required autoComplete="off" />
      <TextField label={t('fields.nationalId')} name="nationalId" defaultValue={member?.nationalId} required inputMode="numeric" maxLength={12} autoComplete="off" />
      <SelectField label={t('fields.gender')} name="gender" options={choices.genders} defaultValue={member?.gender ?? 'FEMALE'} />
      <TextField label={t('fields.birthYear')} name="birthYear" type="number" inputMode="numeric" defaultValue={member?.birthYear ?? ''} />
      <SelectField label={t('fields.householdCategory')} name="householdCategory" options={choices.categories} defaultValue={member?.householdCategory} />
      <TextField label={t('fields.phone')} name="phone" type="tel" defaultValue={member?.phone ?? ''} autoComplete="off" />
      <TextField label={t('fields.address')} name="address" defaultValue={member?.address ?? ''} />
      <SelectField label={t('fields.chapterId')} name="chapterId" options={[none, ...choices.chapters]} defaultValue={member?.chapterId ?? ''} />
      <TextField label={t('fields.memberCode')} name="code" defaultValue={member?.code ?? ''} autoComplete="off" />
      <DateField label={t('fields.joinedAt')} name="joinedAt" defaultValue={member?.joinedAt ? isoDate(member.joinedAt) : ''} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="isUnionMember" value="true" defaultChecked={member?.isUnionMember ?? true} className="h-4 w-4" />
        {t('fields.isUnionMember')}
      </label>
    </div>
  );
}

export async function CreateMemberForm({ communes, groups, choices }: { communes: Option[]; groups: Option[]; choices: Choices }) {
  const t = await getTranslations();
  const none = { value: '', label: t('members.noGroup') };
  return (
    <ActionForm action={createMemberAction} submitLabel={t('members.create')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('registers.commune')} name="orgUnitId" options={communes} />
        <SelectField label={t('fields.groupId')} name="groupId" options={[none, ...groups]} />
      </div>
      <PersonFields choices={choices} />
    </ActionForm>
  );
}

export async function EditMemberForm({ member, choices }: { member: MemberView; choices: Choices }) {
  const t = await getTranslations();
  return (
    <ActionForm action={updateMemberAction} submitLabel={t('common.save')}>
      <input type="hidden" name="id" value={member.id} />
      <PersonFields member={member} choices={choices} />
    </ActionForm>
  );
}

export async function TransferMemberForm({ memberId, groups }: { memberId: string; groups: Option[] }) {
  const t = await getTranslations();
  return (
    <ActionForm action={transferMemberAction} submitLabel={t('members.transfer')} variant="secondary">
      <input type="hidden" name="id" value={memberId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('fields.groupId')} name="groupId" options={groups} />
        <DateField label={t('fields.date')} name="date" defaultValue={isoDate(todayInVietnam())} required />
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="moveLoans" value="true" className="h-4 w-4" data-shows-error="" /> {t('members.moveLoans')}
      </label>
      {/* data-shows-error: its error is said beside it (MoveLoansError), not again by the form. */}
      <MoveLoansError />
    </ActionForm>
  );
}

export async function LeaveMemberForm({ member }: { member: MemberView }) {
  const t = await getTranslations();
  return (
    <ActionForm action={leaveMemberAction} submitLabel={t('members.leave')} variant="danger" confirm={t('members.confirmLeave', { name: member.fullName })}>
      <p className="text-sm text-slate-600">{t('members.leaveHelp')}</p>
      <input type="hidden" name="id" value={member.id} />
      <DateField label={t('fields.date')} name="date" defaultValue={isoDate(todayInVietnam())} required />
    </ActionForm>
  );
}
