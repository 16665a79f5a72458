import { getTranslations } from 'next-intl/server';
import { bankFigureAction } from '@/app/(app)/reports/actions';
import { ActionForm } from '@/components/ui/action-form';
import { TextField } from '@/components/ui/fields';
import { formatShare } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';

export interface BankShareShown { month: string; bankOutstanding: bigint; unionOutstanding: bigint; ratio: number | null }

/**
 * The bank's outstanding in the unit's area for a month, as the bank reported it, with the share of
 * it the union manages: the figure in use for the report's date, and after saving, the one entered.
 */
export async function BankFigureForm({ orgUnitId, month, share }: { orgUnitId: string; month: string; share: BankShareShown | null }) {
  const t = await getTranslations('reports.share');
  return (
    <ActionForm action={bankFigureAction} submitLabel={t('save')}>
      <p className="text-sm text-slate-600">{t('help')}</p>
      {share && share.ratio !== null && (
        <p className="text-sm font-medium text-slate-900" data-testid="bank-share-line">
          {t('current', {
            month: `${share.month.slice(5)}/${share.month.slice(0, 4)}`, bank: formatVnd(share.bankOutstanding),
            share: formatShare(share.ratio), union: formatVnd(share.unionOutstanding),
          })}
        </p>
      )}
      <input type="hidden" name="orgUnitId" value={orgUnitId} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t('month')} name="month" type="month" defaultValue={month} required />
        <TextField label={t('amount')} name="amount" inputMode="numeric" required placeholder="138.714.000.000" />
        <TextField label={t('source')} name="source" />
      </div>
    </ActionForm>
  );
}
