import { getTranslations } from 'next-intl/server';
import { closeBreachAction, recordBreachAction, recordBreachNoticeAction } from '@/app/(app)/breaches/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, TextField } from '@/components/ui/fields';
import { BREACH_DATA_CATEGORIES } from '@/lib/breaches/schemas';

const areaClass = 'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 focus:border-rose-700 focus:outline-none focus:ring-2 focus:ring-rose-200';

/** Records a breach as soon as it is detected: what, when, which data, how many people. */
export async function RecordBreachForm() {
  const t = await getTranslations('breaches');
  return (
    <ActionForm action={recordBreachAction} submitLabel={t('record')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="sm:col-span-2"><TextField label={t('titleField')} name="title" required maxLength={200} /></div>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="breach-description" className="block text-sm font-medium text-slate-800">{t('descriptionField')}</label>
          <textarea id="breach-description" name="description" required rows={3} maxLength={5000} className={areaClass} />
        </div>
        <DateField label={t('detectedOn')} name="detectedOn" required />
        <TextField label={t('detectedTime')} name="detectedTime" required inputMode="numeric" placeholder="14:30" pattern="[0-2]?[0-9]:[0-5][0-9]" />
        <DateField label={t('occurredOn')} name="occurredOn" />
        <TextField label={t('peopleAffected')} name="peopleAffected" required inputMode="numeric" />
        <fieldset className="sm:col-span-2">
          <legend className="text-sm font-medium text-slate-800">{t('categories')}</legend>
          <div className="mt-1 grid gap-1 sm:grid-cols-2">
            {BREACH_DATA_CATEGORIES.map((category) => (
              <label key={category} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name="dataCategories" value={category} className="h-4 w-4" />
                {t(`categoryNames.${category}`)}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="space-y-1 sm:col-span-2">
          <label htmlFor="breach-measures" className="block text-sm font-medium text-slate-800">{t('measures')}</label>
          <textarea id="breach-measures" name="measures" rows={2} maxLength={5000} className={areaClass} />
        </div>
      </div>
    </ActionForm>
  );
}

/** The day the authority or the people affected were told. */
export async function BreachNoticeForm({ id, to }: { id: string; to: 'AUTHORITY' | 'PEOPLE' }) {
  const t = await getTranslations('breaches');
  return (
    <ActionForm action={recordBreachNoticeAction} submitLabel={to === 'AUTHORITY' ? t('notifyAuthority') : t('notifyPeople')} variant="secondary">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="to" value={to} />
      <DateField label={t('noticeDate')} name="date" required />
    </ActionForm>
  );
}

export async function CloseBreachForm({ id }: { id: string }) {
  const t = await getTranslations('breaches');
  return (
    <ActionForm action={closeBreachAction} submitLabel={t('close')} variant="secondary">
      <input type="hidden" name="id" value={id} />
      <DateField label={t('closeDate')} name="date" required />
    </ActionForm>
  );
}
