import { getTranslations } from 'next-intl/server';
import { createSchemeAction, updateSchemeAction } from '@/app/(app)/savings/actions';
import { ActionForm } from '@/components/ui/action-form';
import { SelectField, TextField } from '@/components/ui/fields';
import type { SavingsScheme } from '@/lib/db';
import { formatThousands } from '@/lib/money';

/** The rule fields shared by the create and edit forms. */
async function RuleFields({ scheme }: { scheme?: SavingsScheme }) {
  const t = await getTranslations('savings.schemes');
  return (
    <>
      <TextField label={t('name')} name="name" defaultValue={scheme?.name} required />
      <TextField label={t('minMonthlyDeposit')} name="minMonthlyDeposit" inputMode="numeric" defaultValue={scheme ? formatThousands(scheme.minMonthlyDeposit) : '0'} required />
      <TextField label={t('maxMonthlyDeposit')} name="maxMonthlyDeposit" inputMode="numeric" defaultValue={scheme ? formatThousands(scheme.maxMonthlyDeposit) : undefined} required />
      <TextField label={t('minBalance')} name="minBalance" inputMode="numeric" defaultValue={scheme ? formatThousands(scheme.minBalance) : '0'} required />
      <TextField label={t('noticeDays')} name="noticeDays" type="number" min={0} defaultValue={String(scheme?.noticeDays ?? 0)} required />
      <TextField label={t('annualRate')} name="annualRatePercent" inputMode="decimal" defaultValue={scheme?.annualRatePercent?.toString().replace('.', ',') ?? ''} hint={t('annualRateHint')} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="withdrawalsAllowed" value="true" defaultChecked={scheme?.withdrawalsAllowed ?? true} className="h-4 w-4" /> {t('withdrawalsAllowed')}
      </label>
    </>
  );
}

export async function CreateSchemeForm() {
  const t = await getTranslations('savings');
  return (
    <ActionForm action={createSchemeAction} submitLabel={t('schemes.create')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('schemes.code')} name="code" required />
        <SelectField label={t('schemes.kind')} name="kind" options={(['GROUP_MEMBER', 'VBSP_GROUP', 'CHAPTER_POOL'] as const).map((value) => ({ value, label: t(`schemeKind.${value}`) }))} />
        <RuleFields />
      </div>
    </ActionForm>
  );
}

export async function EditSchemeForm({ scheme }: { scheme: SavingsScheme }) {
  const t = await getTranslations('savings.schemes');
  return (
    <details>
      <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('editFor', { code: scheme.code })}</summary>
      <ActionForm action={updateSchemeAction} submitLabel={t('save')} className="mt-2">
        <input type="hidden" name="id" value={scheme.id} />
        <div className="grid gap-3 sm:grid-cols-2">
          <RuleFields scheme={scheme} />
          <label className="flex items-center gap-2 text-sm font-medium">
            <input type="checkbox" name="active" value="true" defaultChecked={scheme.active} className="h-4 w-4" /> {t('active')}
          </label>
        </div>
        <p className="mt-2 text-xs text-slate-600">{t('rulesApplyForward')}</p>
      </ActionForm>
    </details>
  );
}
