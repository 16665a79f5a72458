import { getTranslations } from 'next-intl/server';
import { addFeeRateAction, addFeeShareAction, computeFeeMonthAction } from '@/app/(app)/fees/actions';
import type { Option } from '@/components/groups/group-options';
import { ActionForm } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/fields';

/** Computes (or recomputes) the month's statement for the unit shown. */
export async function ComputeFeeMonthForm({ month, orgUnitId, again }: { month: string; orgUnitId: string; again: boolean }) {
  const t = await getTranslations('fees.page');
  return (
    <ActionForm action={computeFeeMonthAction} submitLabel={again ? t('recompute') : t('compute')} variant={again ? 'secondary' : 'primary'}>
      <input type="hidden" name="month" value={month} />
      <input type="hidden" name="orgUnitId" value={orgUnitId} />
    </ActionForm>
  );
}

export async function AddFeeRateForm({ programmes }: { programmes: Option[] }) {
  const t = await getTranslations('fees.settings');
  return (
    <ActionForm action={addFeeRateAction} submitLabel={t('addRate')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('programme')} name="programmeId" options={programmes} />
        <SelectField label={t('kind')} name="kind" options={[{ value: 'ENTRUSTMENT_FEE', label: t('kinds.ENTRUSTMENT_FEE') }, { value: 'GROUP_COMMISSION', label: t('kinds.GROUP_COMMISSION') }]} />
        <SelectField label={t('basis')} name="basis" options={[{ value: 'INTEREST_COLLECTED', label: t('bases.INTEREST_COLLECTED') }, { value: 'OUTSTANDING_BALANCE', label: t('bases.OUTSTANDING_BALANCE') }]} />
        <TextField label={t('rate')} name="rate" inputMode="decimal" placeholder="0,04" required hint={t('rateHint')} />
        <TextField label={t('effectiveMonth')} name="effectiveMonth" type="month" required />
        <TextField label={t('note')} name="note" />
      </div>
    </ActionForm>
  );
}

export async function AddFeeShareForm() {
  const t = await getTranslations('fees.settings');
  return (
    <ActionForm action={addFeeShareAction} submitLabel={t('addShare')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('effectiveMonth')} name="effectiveMonth" type="month" required />
        <TextField label={t('shareCommune')} name="commune" inputMode="decimal" required />
        <TextField label={t('shareDistrict')} name="district" inputMode="decimal" required />
        <TextField label={t('shareProvince')} name="province" inputMode="decimal" required />
      </div>
    </ActionForm>
  );
}
