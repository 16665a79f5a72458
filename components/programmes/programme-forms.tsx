import { getTranslations } from 'next-intl/server';
import { addRateAction, createProgrammeAction, setProgrammeActiveAction } from '@/app/(app)/programmes/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';

export async function CreateProgrammeForm() {
  const t = await getTranslations();
  const opts = (ns: string, values: string[]) => values.map((value) => ({ value, label: t(`${ns}.${value}`) }));
  return (
    <ActionForm action={createProgrammeAction} submitLabel={t('programmes.create')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('programmes.code')} name="code" required />
        <TextField label={t('fields.name')} name="name" required />
        <SelectField label={t('programmes.fundSource')} name="fundSource" options={opts('loans.fundSource', ['VBSP', 'REVOLVING', 'CHAPTER'])} />
        <SelectField label={t('programmes.interestMethod')} name="interestMethod" options={opts('programmes.method', ['DECLINING', 'FLAT'])} />
        <TextField label={t('programmes.monthlyRate')} name="monthlyRate" inputMode="decimal" placeholder="0,55" required />
        <DateField label={t('programmes.rateFrom')} name="rateFrom" defaultValue={isoDate(todayInVietnam())} required />
        <TextField label={t('programmes.overdueMultiplier')} name="overdueMultiplierPct" type="number" defaultValue="130" required />
        <SelectField label={t('programmes.principalFrequency')} name="principalFrequency" options={opts('programmes.frequency', ['MONTHLY', 'QUARTERLY', 'AT_MATURITY'])} />
        <TextField label={t('programmes.minTerm')} name="minTermMonths" type="number" defaultValue="12" required />
        <TextField label={t('programmes.maxTerm')} name="maxTermMonths" type="number" defaultValue="60" required />
        <TextField label={t('programmes.minAmount')} name="minAmount" inputMode="numeric" defaultValue="1.000.000" required />
        <TextField label={t('programmes.maxAmount')} name="maxAmount" inputMode="numeric" required />
        <TextField label={t('programmes.graceMonths')} name="graceMonths" type="number" defaultValue="0" required />
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" name="allowPrepayment" value="true" defaultChecked className="h-4 w-4" /> {t('programmes.allowPrepayment')}
        </label>
      </div>
    </ActionForm>
  );
}

export async function ProgrammeRowForms({ id, code, active }: { id: string; code: string; active: boolean }) {
  const t = await getTranslations('programmes');
  return (
    <div className="space-y-3">
      <ActionForm action={addRateAction} submitLabel={t('addRateFor', { code })} variant="secondary" className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="id" value={id} />
        <TextField label={t('monthlyRate')} name="monthlyRate" inputMode="decimal" required />
        <DateField label={t('rateFrom')} name="effectiveFrom" required />
      </ActionForm>
      <ActionForm action={setProgrammeActiveAction} submitLabel={active ? t('closeFor', { code }) : t('openFor', { code })} variant="secondary">
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="active" value={String(!active)} />
      </ActionForm>
    </div>
  );
}
