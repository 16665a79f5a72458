import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { CreateSchemeForm, EditSchemeForm } from '@/components/savings/scheme-forms';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { seesBankBusinessOnly } from '@/lib/auth/business';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { formatPercent } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { chapterPoolParticipation, listSchemes, type ChapterParticipation } from '@/lib/savings';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('savings') };
}

export default async function SavingsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  // A bank liaison sees the bank's schemes only, and not the chapters' pools (the union's own savings).
  const [schemes, participation] = await Promise.all([
    orNotFound(listSchemes(actor)),
    seesBankBusinessOnly(actor) ? Promise.resolve(null) : orNotFound(chapterPoolParticipation(actor)),
  ]);
  const manage = actorCan(actor, 'programme:manage');
  return (
    <>
      <PageHeader title={t('nav.savings')} description={t('savings.schemes.description')} />
      <div className="grid gap-4">
        {participation && (
          <Card title={t('savings.participation.title', { date: formatDateOnly(participation.asOf) })}>
            <p className="mb-3 text-sm" data-testid="participation-total">
              {t('savings.participation.total', {
                participants: participation.total.participants.toLocaleString('vi-VN'),
                unionMembers: participation.total.unionMembers.toLocaleString('vi-VN'),
                ratio: formatPercent(participation.total.ratio),
              })}
            </p>
            {participation.rows.length === 0 ? (
              <p className="text-sm text-slate-600">{t('savings.participation.none')}</p>
            ) : (
              <DataTable<ChapterParticipation>
                testId="participation"
                rows={participation.rows}
                rowKey={(r) => r.chapter.id}
                columns={[
                  { header: t('savings.participation.chapter'), cell: (r) => `${r.chapter.name} (${r.chapter.code})` },
                  { header: t('savings.participation.commune'), cell: (r) => r.commune?.name ?? '' },
                  { header: t('savings.participation.participants'), numeric: true, cell: (r) => r.participants.toLocaleString('vi-VN') },
                  {
                    header: t('savings.participation.unionMembers'), numeric: true,
                    cell: (r) => <span title={t(`savings.participation.source.${r.unionMembersSource}`)}>{r.unionMembers.toLocaleString('vi-VN')}{r.unionMembersSource === 'register' ? ' *' : ''}</span>,
                  },
                  { header: t('savings.participation.ratio'), numeric: true, cell: (r) => formatPercent(r.ratio) },
                ]}
              />
            )}
            <p className="mt-2 text-xs text-slate-600">{t('savings.participation.footnote')}</p>
          </Card>
        )}
        {schemes.map((s) => (
          <Card key={s.id} title={<span>{s.code} · {s.name} {!s.active && <Badge tone="amber">{t('savings.schemes.closed')}</Badge>}</span>}>
            <div className="grid gap-4 md:grid-cols-[2fr_1fr]">
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-slate-600">{t('savings.schemes.kind')}</dt>
                <dd>{t(`savings.schemeKind.${s.kind}`)}</dd>
                <dt className="text-slate-600">{t('savings.schemes.deposits')}</dt>
                <dd>{t('savings.page.limits', { min: formatVnd(s.minMonthlyDeposit), max: formatVnd(s.maxMonthlyDeposit) })}</dd>
                <dt className="text-slate-600">{t('savings.schemes.withdrawals')}</dt>
                <dd>
                  {s.withdrawalsAllowed
                    ? t('savings.schemes.withdrawalRule', { days: s.noticeDays, minBalance: formatVnd(s.minBalance) })
                    : t('savings.schemes.noWithdrawals')}
                </dd>
                <dt className="text-slate-600">{t('savings.schemes.annualRate')}</dt>
                <dd>{s.annualRatePercent === null ? t('savings.schemes.noInterest') : `${s.annualRatePercent.toString().replace('.', ',')} %/${t('savings.schemes.year')}`}</dd>
                <dt className="text-slate-600">{t('savings.schemes.accounts')}</dt>
                <dd>{s._count.accounts.toLocaleString('vi-VN')}</dd>
              </dl>
              {manage && <EditSchemeForm scheme={s} />}
            </div>
          </Card>
        ))}
        {manage && (
          <Card title={t('savings.schemes.createTitle')}>
            <CreateSchemeForm />
          </Card>
        )}
      </div>
    </>
  );
}
