import { getTranslations } from 'next-intl/server';
import { createGroupAction, dissolveGroupAction, mergeGroupsAction, updateGroupAction } from '@/app/(app)/groups/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import type { Group } from '@/lib/db';
import type { Option } from './group-options';

export async function CreateGroupForm({ communes, chapters, kinds }: { communes: Option[]; chapters: Option[]; kinds: Option[] }) {
  const t = await getTranslations();
  const none = { value: '', label: t('common.none') };
  return (
    <ActionForm action={createGroupAction} submitLabel={t('groups.create')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('registers.commune')} name="orgUnitId" options={communes} />
        <SelectField label={t('fields.chapterId')} name="chapterId" options={[none, ...chapters]} />
        <TextField label={t('fields.groupCode')} name="code" required autoComplete="off" />
        <TextField label={t('fields.name')} name="name" required autoComplete="off" />
        <SelectField label={t('fields.programmeKind')} name="programmeKind" options={kinds} />
        <TextField label={t('fields.meetingDay')} name="meetingDay" type="number" min={1} max={31} inputMode="numeric" />
        <TextField label={t('fields.foundingDecisionNo')} name="foundingDecisionNo" autoComplete="off" />
        <DateField label={t('fields.foundingDecisionDate')} name="foundingDecisionDate" />
      </div>
    </ActionForm>
  );
}

export async function EditGroupForm({ group, chapters, kinds, members }: { group: Group; chapters: Option[]; kinds: Option[]; members: Option[] }) {
  const t = await getTranslations();
  const none = { value: '', label: t('common.none') };
  return (
    <ActionForm action={updateGroupAction} submitLabel={t('common.save')}>
      <input type="hidden" name="id" value={group.id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('fields.name')} name="name" defaultValue={group.name} required />
        <SelectField label={t('fields.programmeKind')} name="programmeKind" options={kinds} defaultValue={group.programmeKind} />
        <SelectField label={t('fields.chapterId')} name="chapterId" options={[none, ...chapters]} defaultValue={group.chapterId ?? ''} />
        <TextField label={t('fields.meetingDay')} name="meetingDay" type="number" min={1} max={31} defaultValue={group.meetingDay ?? ''} />
        <SelectField label={t('fields.leaderId')} name="leaderId" options={[none, ...members]} defaultValue={group.leaderId ?? ''} />
        <SelectField label={t('fields.deputyId')} name="deputyId" options={[none, ...members]} defaultValue={group.deputyId ?? ''} />
        <TextField label={t('fields.foundingDecisionNo')} name="foundingDecisionNo" defaultValue={group.foundingDecisionNo ?? ''} />
        <DateField
          label={t('fields.foundingDecisionDate')}
          name="foundingDecisionDate"
          defaultValue={group.foundingDecisionDate ? isoDate(group.foundingDecisionDate) : ''}
        />
      </div>
    </ActionForm>
  );
}

export async function MergeGroupForm({ survivorId, candidates }: { survivorId: string; candidates: Option[] }) {
  const t = await getTranslations();
  return (
    <ActionForm action={mergeGroupsAction} submitLabel={t('groups.merge')} variant="secondary" confirm={t('groups.confirmMerge')}>
      <p className="text-sm text-slate-600">{t('groups.mergeHelp')}</p>
      <input type="hidden" name="survivorId" value={survivorId} />
      <SelectField label={t('fields.mergedId')} name="mergedId" options={candidates} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField label={t('fields.date')} name="date" defaultValue={isoDate(todayInVietnam())} required />
        <TextField label={t('fields.reason')} name="reason" />
      </div>
    </ActionForm>
  );
}

export async function DissolveGroupForm({ groupId }: { groupId: string }) {
  const t = await getTranslations();
  return (
    <ActionForm action={dissolveGroupAction} submitLabel={t('groups.dissolve')} variant="danger">
      <p className="text-sm text-slate-600">{t('groups.dissolveHelp')}</p>
      <input type="hidden" name="id" value={groupId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField label={t('fields.date')} name="date" defaultValue={isoDate(todayInVietnam())} required />
        <TextField label={t('fields.reason')} name="reason" />
      </div>
    </ActionForm>
  );
}
