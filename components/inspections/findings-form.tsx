import { getTranslations } from 'next-intl/server';
import { addFindingsAction, uploadAttachmentAction } from '@/app/(app)/inspections/actions';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import type { InspectionLevel } from '@/lib/db';
import { CHECKLIST } from '@/lib/inspections/checklist';

const input = 'w-full rounded-md border border-slate-300 px-2 py-1 text-sm';

/** One row per checklist item not yet recorded: result, notes, and for a failure its follow-up. */
export async function FindingsForm({ id, level, recorded, hasLoan }: { id: string; level: InspectionLevel; recorded: string[]; hasLoan: boolean }) {
  const t = await getTranslations('inspections');
  const due = isoDate(new Date(todayInVietnam().getTime() + 30 * 86_400_000));
  return (
    <ActionForm action={addFindingsAction} submitLabel={t('detail.saveFindings')}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="level" value={level} />
      <p className="text-xs text-slate-600">{t('detail.followUpHint')}</p>
      <ol className="space-y-3">
        {CHECKLIST[level].map((item, index) =>
          recorded.includes(item) ? null : (
            <li key={item} className="rounded-md border border-slate-200 p-3">
              {/* The follow-up (what to fix, who, by when) shows once the item is marked failed. */}
              <fieldset className="group space-y-2">
                <legend className="text-sm font-medium">{index + 1}. {t(`items.${item}`)}</legend>
                <div className="flex flex-wrap gap-4 text-sm">
                  <label className="flex items-center gap-1"><input type="radio" name={`result-${item}`} value="pass" /> {t('detail.passed')}</label>
                  <label className="flex items-center gap-1"><input type="radio" name={`result-${item}`} value="fail" className="fail" /> {t('detail.failedItem')}</label>
                </div>
                <label className="block text-sm">{t('detail.notes')}<input name={`notes-${item}`} aria-label={`${t('detail.notes')}: ${t(`items.${item}`)}`} className={input} /></label>
                <div className="hidden gap-2 sm:grid-cols-2 group-has-[.fail:checked]:grid" data-testid={`follow-up-${item}`}>
                  <TextField label={`${t('detail.action')}: ${t(`items.${item}`)}`} name={`action-${item}`} />
                  <TextField label={`${t('page.owner')}: ${t(`items.${item}`)}`} name={`owner-${item}`} />
                  <DateField label={`${t('page.dueDate')}: ${t(`items.${item}`)}`} name={`due-${item}`} defaultValue={due} />
                </div>
              </fieldset>
            </li>
          ),
        )}
      </ol>
      {hasLoan && <TextField label={t('detail.recall')} name="recallReason" />}
    </ActionForm>
  );
}

export async function AttachmentForm({ id }: { id: string }) {
  const t = await getTranslations('inspections.detail');
  return (
    <ActionForm action={uploadAttachmentAction} submitLabel={t('upload')} variant="secondary" resetOnSuccess>
      <input type="hidden" name="id" value={id} />
      <TextField label={t('file')} name="file" type="file" accept="image/jpeg,image/png,application/pdf" required />
    </ActionForm>
  );
}
