import { getTranslations } from 'next-intl/server';
import { bankFigureAction } from '@/app/(app)/reports/actions';
import { ActionForm } from '@/components/ui/action-form';
import { TextField } from '@/components/ui/fields';

/** The bank's outstanding in the unit's area for a month, as the bank reported it. */
export async function BankFigureForm({ orgUnitId, month }: { orgUnitId: string; month: string }) {
  const t = await getTranslations('reports.share');
  return (
    <ActionForm action={bankFigureAction} submitLabel={t('save')}>
      <p className="text-sm text-slate-600">{t('help')}</p>
      <input type="hidden" name="orgUnitId" value={orgUnitId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t('month')} name="month" type="month" defaultValue={month} required />
        <TextField label={t('amount')} name="amount" inputMode="numeric" required placeholder="138.714.000.000" />
        <TextField label={t('source')} name="source" />
      </div>
    </ActionForm>
  );
}
