import { getTranslations } from 'next-intl/server';
import { setRetentionAction } from '@/app/(app)/audit/personal-data/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/fields';
import type { Actor } from '@/lib/auth/actor';
import { isInstallationWide } from '@/lib/auth/actor';
import { retentionOverview } from '@/lib/privacy/retention';

/** How long members' identities are kept after their business ends, and who is due today (decision 027). */
export async function RetentionCard({ actor }: { actor: Actor }) {
  const t = await getTranslations('privacy.retention');
  const { years, minYears, maxYears, dueToday } = await retentionOverview(actor);
  return (
    <Card title={t('title')}>
      <div className="space-y-2 text-sm" data-testid="retention">
        <p className="text-slate-700">{t('help', { years })}</p>
        <p className="text-slate-700">{t('due', { count: dueToday })}</p>
        {isInstallationWide(actor) && (
          <ActionForm action={setRetentionAction} submitLabel={t('save')} className="flex flex-wrap items-end gap-3">
            <TextField label={t('years')} name="years" type="number" inputMode="numeric" min={minYears} max={maxYears} defaultValue={years} required />
          </ActionForm>
        )}
      </div>
    </Card>
  );
}
