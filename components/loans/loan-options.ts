import { getTranslations } from 'next-intl/server';
import { listProgrammes } from '@/lib/programmes/list-programmes';
import type { Actor } from '@/lib/auth/actor';
import { formatThousands } from '@/lib/money';

export async function programmeOptions(actor: Actor) {
  const t = await getTranslations('programmes');
  return (await listProgrammes(actor, { activeOnly: true })).map((p) => ({
    value: p.id,
    label: `${p.code} · ${p.name} (${formatThousands(p.minAmount)}–${formatThousands(p.maxAmount)} ₫, ${p.minTermMonths}–${p.maxTermMonths} ${t('monthsShort')})`,
  }));
}
