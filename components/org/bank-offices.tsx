import { getTranslations } from 'next-intl/server';
import { saveBankOfficeAction } from '@/app/(app)/org-units/actions';
import { ActionForm } from '@/components/ui/action-form';
import { EmptyState } from '@/components/ui/card';
import { TextField } from '@/components/ui/fields';
import type { listBankOffices } from '@/lib/org/bank-offices';

type Office = Awaited<ReturnType<typeof listBankOffices>>[number];

/** The bank's transaction offices with their communes and liaisons, and (for managers) the form to save one. */
export async function BankOffices({ offices, manage }: { offices: Office[]; manage: boolean }) {
  const t = await getTranslations('bankOffices');
  const f = await getTranslations('fields');
  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-600">{t('help')}</p>
      {offices.length === 0 ? <EmptyState>{t('none')}</EmptyState> : (
        <ul className="space-y-2" data-testid="bank-offices">
          {offices.map((o) => (
            <li key={o.id}>
              <p className="font-medium">{o.name} <span className="font-mono text-xs text-slate-600">{o.code}</span></p>
              <p className="text-slate-700">{o.communes.filter((c) => !c.validTo).map((c) => c.name).join(', ')}</p>
              {o.liaisons.length > 0 && <p className="text-slate-600">{o.liaisons.map((u) => `${u.fullName} (${u.username})`).join(', ')}</p>}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <ActionForm action={saveBankOfficeAction} submitLabel={t('save')}>
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField label={f('code')} name="code" required autoComplete="off" />
            <TextField label={f('name')} name="name" required autoComplete="off" />
          </div>
          <TextField label={t('communes')} name="communeCodes" required autoComplete="off" />
          <TextField label={t('liaisons')} name="liaisons" autoComplete="off" />
        </ActionForm>
      )}
    </div>
  );
}
