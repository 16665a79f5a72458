import { getTranslations } from 'next-intl/server';
import { formatTimeDate } from '@/lib/i18n/format';

/**
 * Said above figures read from a replica that is behind (decision 021): the moment they are complete
 * up to, "Số liệu tính đến 10:05 07/12/2026". Nothing when the figures are current.
 */
export async function AsOfNotice({ asOf }: { asOf: Date | null }) {
  if (!asOf) return null;
  const t = await getTranslations('reports');
  return (
    <p role="note" className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="as-of-notice">
      {t('asOfNotice', { time: formatTimeDate(asOf) })}
    </p>
  );
}
