import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { CreateProgrammeForm, ProgrammeRowForms } from '@/components/programmes/programme-forms';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { percentToPpm, ppmToPercent } from '@/lib/loans/engine/terms';
import { formatVnd } from '@/lib/money';
import { listProgrammes } from '@/lib/programmes/list-programmes';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('programmes') };
}

export default async function ProgrammesPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const programmes = await orNotFound(listProgrammes(actor));
  const manage = actorCan(actor, 'programme:manage');
  return (
    <>
      <PageHeader title={t('nav.programmes')} description={t('programmes.description')} />
      <div className="grid gap-4">
        {programmes.map((p) => (
          <Card key={p.id} title={<span>{p.code} · {p.name} {!p.active && <Badge tone="amber">{t('programmes.closed')}</Badge>}</span>}>
            <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">{t('programmes.fundSource')}</dt>
                <dd>{t(`loans.fundSource.${p.fundSource}`)} · {t(`programmes.method.${p.interestMethod}`)} · {t(`programmes.frequency.${p.principalFrequency}`)}</dd>
                <dt className="text-slate-600">{t('programmes.limits')}</dt>
                <dd>{formatVnd(p.minAmount)} – {formatVnd(p.maxAmount)} · {p.minTermMonths}–{p.maxTermMonths} {t('programmes.months')} · {t('programmes.graceMonths')}: {p.graceMonths}</dd>
                <dt className="text-slate-600">{t('programmes.overdueMultiplier')}</dt>
                <dd>{p.overdueMultiplierPct} %</dd>
                <dt className="text-slate-600">{t('programmes.rates')}</dt>
                <dd>
                  <ul>
                    {p.rates.map((r) => (
                      <li key={String(r.id)}>{ppmToPercent(percentToPpm(r.monthlyRate.toString()))} %/{t('programmes.month')} {t('programmes.from', { date: formatDateOnly(r.effectiveFrom) })}</li>
                    ))}
                  </ul>
                </dd>
              </dl>
              {manage && <ProgrammeRowForms id={p.id} code={p.code} active={p.active} />}
            </div>
          </Card>
        ))}
        {manage && (
          <Card title={t('programmes.createTitle')}>
            <CreateProgrammeForm />
          </Card>
        )}
      </div>
    </>
  );
}
