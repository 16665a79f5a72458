import { getTranslations } from 'next-intl/server';
import { closeFollowUpAction, createPlanAction, recordInspectionAction } from '@/app/(app)/inspections/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import type { inspectionFormOptions } from '@/lib/inspections';

type Options = Awaited<ReturnType<typeof inspectionFormOptions>>;

const multiClass = 'block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm';

async function Kinds() {
  const t = await getTranslations('inspections');
  return <SelectField label={t('page.kind')} name="kind" options={(['PERIODIC', 'SURPRISE'] as const).map((value) => ({ value, label: t(`kind.${value}`) }))} />;
}

/** A plan: title, kind, period, team, and the communes, groups and households to check. */
export async function CreatePlanForm({ options }: { options: Options }) {
  const t = await getTranslations('inspections.page');
  const today = isoDate(todayInVietnam());
  return (
    <ActionForm action={createPlanAction} submitLabel={t('createPlan')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('planTitle')} name="title" required />
        <Kinds />
        <DateField label={t('periodFrom')} name="periodFrom" defaultValue={today} required />
        <DateField label={t('periodTo')} name="periodTo" required />
      </div>
      <TextField label={t('team')} name="team" required />
      <fieldset>
        <legend className="text-sm font-medium">{t('communes')}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-3">
          {options.communes.map((c) => (
            <label key={c.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="communeIds" value={c.id} className="h-4 w-4" /> {c.name}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm font-medium">
        {t('groups')}
        <select name="groupIds" multiple size={6} className={multiClass}>
          {options.groups.map((g) => <option key={g.id} value={g.id}>{g.orgUnit.name} · {g.code} {g.name}</option>)}
        </select>
      </label>
      <label className="block text-sm font-medium">
        {t('households')}
        <select name="memberIds" multiple size={6} className={multiClass}>
          {options.loans.map((l) => <option key={l.id} value={l.memberId}>{l.orgUnit.name} · {l.member.fullName} ({l.member.code}) · {l.number}</option>)}
        </select>
      </label>
    </ActionForm>
  );
}

/** An inspection carried out: level, subject, date, inspectors; findings are entered on its page. */
export async function RecordInspectionForm({ options }: { options: Options }) {
  const t = await getTranslations('inspections');
  const none = { value: '', label: '—' };
  return (
    <ActionForm action={recordInspectionAction} submitLabel={t('page.record')}>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('page.level')} name="level" options={(['HOUSEHOLD', 'GROUP', 'COMMUNE'] as const).map((value) => ({ value, label: t(`level.${value}`) }))} />
        <Kinds />
        <SelectField label={t('page.plan')} name="planId" options={[{ value: '', label: t('page.noPlan') }, ...options.plans.map((p) => ({ value: p.id, label: p.title }))]} />
        <SelectField label={t('page.commune')} name="orgUnitId" options={[none, ...options.communes.map((c) => ({ value: c.id, label: c.name }))]} />
        <SelectField label={t('page.group')} name="groupId" options={[none, ...options.groups.map((g) => ({ value: g.id, label: `${g.orgUnit.name} · ${g.code}` }))]} />
        <SelectField label={t('page.loanNumber')} name="loanId" options={[none, ...options.loans.map((l) => ({ value: l.id, label: `${l.number} · ${l.member.fullName}` }))]} />
        <DateField label={t('page.date')} name="date" defaultValue={isoDate(todayInVietnam())} required />
        <TextField label={t('page.inspectors')} name="inspectors" required />
      </div>
      <TextField label={t('page.summary')} name="summary" />
    </ActionForm>
  );
}

export async function CloseFollowUpForm({ id }: { id: string }) {
  const t = await getTranslations('inspections.page');
  return (
    <ActionForm action={closeFollowUpAction} submitLabel={t('close')} variant="secondary" className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="id" value={id} />
      <TextField label={t('closeNote')} name="note" required />
    </ActionForm>
  );
}
