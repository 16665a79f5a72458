import { getTranslations } from 'next-intl/server';
import { choosePurposeAction } from '@/app/(app)/members/actions';
import { ActionForm } from '@/components/ui/action-form';
import { SelectField } from '@/components/ui/fields';
import { ACCESS_PURPOSES } from '@/lib/privacy/purpose';

/** Asks a district leader or bank liaison why she reads members' records: once per browser session. */
export async function PurposeForm({ memberId }: { memberId: string }) {
  const t = await getTranslations('privacy');
  return (
    <ActionForm action={choosePurposeAction} submitLabel={t('purposeForm.submit')}>
      <p className="text-sm text-slate-600">{t('purposeForm.description')}</p>
      <input type="hidden" name="id" value={memberId} />
      <SelectField label={t('purposeForm.label')} name="purpose" options={ACCESS_PURPOSES.map((value) => ({ value, label: t(`purpose.${value}`) }))} />
    </ActionForm>
  );
}
