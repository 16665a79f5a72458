import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { BarsChart, TrendChart, type ChartRow } from '@/components/dashboard/charts';
import { AsOfNotice } from '@/components/dashboard/as-of-notice';
import { CommuneWorkPanel } from '@/components/dashboard/commune-work';
import { Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatPercent } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { communeWork, unitDashboard } from '@/lib/reports/dashboard';
import { CommuneRanking } from '@/components/dashboard/commune-ranking';
import { foldVietnamese } from '@/lib/imports/normalize';
import { extremesSentence } from '@/lib/reports/extremes';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('home') };
}

function Kpi({ label, value, sub, href, testId }: { label: string; value: string; sub?: string; href: string; testId: string }) {
  return (
    <Link href={href} className="block rounded-lg border border-slate-200 bg-white p-3 hover:border-rose-300 focus-visible:outline focus-visible:outline-2 focus-visible:outline-rose-700" data-testid={testId}>
      <span className="block text-xs text-slate-600">{label}</span>
      <span className="mt-1 block text-lg font-semibold tabular-nums text-slate-900">{value}</span>
      {sub && <span className="block text-xs text-slate-600">{sub}</span>}
    </Link>
  );
}

const money = (amount: bigint) => ({ value: Number(amount), text: formatVnd(amount) });

/** Above this many communes the chart shows the ten largest and the five smallest; the table ranks them all. */
const CHART_LIMIT = 15;

export default async function HomePage({ searchParams }: { searchParams: Promise<{ cluster?: string; q?: string }> }) {
  const { cluster, q } = await searchParams;
  const actor = await requireActor();
  const t = await getTranslations();
  const [dashboard, work] = await Promise.all([
    orNotFound(unitDashboard(actor)),
    actor.orgUnitLevel === 'COMMUNE' && actorCan(actor, 'loan:apply') ? communeWork(actor) : Promise.resolve(null),
  ]);
  const s = dashboard.summary;
  const year = s.from.slice(0, 4);
  const row = (key: string, label: string, values: Record<string, bigint>, href?: string): ChartRow => ({
    key, label, href,
    values: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, money(v).value])),
    texts: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, money(v).text])),
  });
  const trend = dashboard.trend.map((p) => row(p.month, `${p.month.slice(5)}/${p.month.slice(2, 4)}`, { disbursed: p.disbursed, outstanding: p.outstanding }));
  const programmes = s.byProgramme.map((p) => row(p.code, p.code, { outstanding: p.outstanding }));
  const folded = (text: string) => foldVietnamese(text);
  const communeRows = s.byChild.filter((c) => (!cluster || c.orgUnit.cluster === cluster) && (!q || folded(c.orgUnit.name).includes(folded(q))));
  const charted = communeRows.length > CHART_LIMIT ? [...communeRows.slice(0, 10), ...communeRows.slice(-5)] : communeRows;
  const units = charted.map((c) =>
    row(c.orgUnit.id, c.orgUnit.name.replace(/^Hội LHPN (xã|phường|thị trấn) /, ''), { outstanding: c.outstanding }, c.orgUnit.level === 'GROUP' ? `/groups/${c.orgUnit.id}` : `/reports?orgUnitId=${c.orgUnit.id}`),
  );
  // The highest and lowest commune (province, for the central union) in words, from the ranking's rows.
  const extremes = dashboard.unit.level === 'COMMUNE' ? null : extremesSentence(communeRows, (key, params) => t(`dashboard.${key}`, params), formatVnd);
  const ageing = s.overdue.buckets.map((b) =>
    row(String(b.fromDays), b.toDays ? t('reports.bucketRange', { from: b.fromDays, to: b.toDays }) : t('reports.bucketOver', { from: b.fromDays - 1 }), { amount: b.amount }, `/loans?overdue=${b.toDays ? `${b.fromDays}-${b.toDays}` : '>360'}`),
  );

  return (
    <>
      <PageHeader title={t('home.greeting', { name: actor.fullName })} description={t('dashboard.scope', { unit: dashboard.unit.name, year })} />
      {work && <CommuneWorkPanel work={work} />}
      <AsOfNotice asOf={dashboard.asOf} />
      <div className="grid grid-cols-1 gap-3 min-[560px]:grid-cols-2 md:grid-cols-3 xl:grid-cols-5" data-testid="kpis">
        <Kpi testId="kpi-outstanding" label={t('dashboard.outstanding')} value={formatVnd(s.outstanding.end.amount)} sub={t('reports.borrowersSub', { count: s.outstanding.end.borrowers })} href="/loans?status=DISBURSED" />
        <Kpi testId="kpi-growth" label={t('dashboard.growth', { year })} value={`${s.outstanding.growth > 0n ? '+' : ''}${formatVnd(s.outstanding.growth)}`} sub={t('reports.startSub', { amount: formatVnd(s.outstanding.start.amount) })} href="/reports" />
        <Kpi testId="kpi-disbursed" label={t('dashboard.disbursedYtd')} value={formatVnd(s.disbursed.amount)} sub={t('reports.disbursedSub', { borrowers: s.disbursed.borrowers, loans: s.disbursed.loans })} href="/reports" />
        <Kpi testId="kpi-repaid" label={t('dashboard.repaidYtd')} value={formatVnd(s.principalRepaid.amount)} sub={t('reports.interestSub', { amount: formatVnd(s.interestCollected.amount) })} href="/reports" />
        <Kpi testId="kpi-overdue" label={t('dashboard.overdueRatio')} value={formatPercent(s.overdue.ratio)} sub={formatVnd(s.overdue.amount)} href="/loans?overdue=any" />
        <Kpi testId="kpi-savings" label={t('reports.savings')} value={formatVnd(s.savings.balance)} sub={t('reports.savingsSub', { participants: s.savings.participants, ratio: formatPercent(s.savings.participationRatio) })} href="/savings" />
        <Kpi testId="kpi-groups" label={t('reports.groups')} value={String(s.groups.active)} sub={t('reports.groupsSub', { count: s.groups.toConsolidate, withOutstanding: s.groups.withOutstanding })} href="/groups?toConsolidate=1" />
        <Kpi testId="kpi-communes" label={t('reports.communes')} value={String(s.communes.active)} sub={t('reports.communesSub', { count: s.communes.settled })} href="/fund" />
        {dashboard.inspectionRatio !== null && (
          <Kpi testId="kpi-inspections" label={t('dashboard.inspections')} value={formatPercent(dashboard.inspectionRatio)} sub={t('dashboard.inspectionsSub')} href="/inspections" />
        )}
      </div>
      {extremes && <p className="mt-4 text-sm text-slate-800" data-testid="extremes">{extremes}</p>}
      <div className="mt-4 grid gap-4 lg:grid-cols-2 print:block print:space-y-4">
        <TrendChart title={t('dashboard.trendTitle')} rows={trend} labels={{ disbursed: t('reports.disbursed'), outstanding: t('reports.outstandingEnd') }} />
        <BarsChart testId="chart-units" title={dashboard.unit.level === 'COMMUNE' ? t('dashboard.groupsTitle') : dashboard.unit.level === 'CENTRAL' ? t('dashboard.provincesTitle') : charted.length < communeRows.length ? t('dashboard.communesTopBottom') : t('dashboard.communesTitle')} rows={units} seriesKey="outstanding" seriesLabel={t('reports.outstandingEnd')} horizontal />
        <BarsChart testId="chart-programmes" title={t('dashboard.programmesTitle')} rows={programmes} seriesKey="outstanding" seriesLabel={t('reports.outstandingEnd')} />
        <BarsChart testId="chart-ageing" title={t('reports.ageing')} rows={ageing} seriesKey="amount" seriesLabel={t('reports.amount')} />
      </div>
      {(dashboard.unit.level === 'PROVINCE' || dashboard.unit.level === 'DISTRICT') && s.byChild.length > CHART_LIMIT - 3 && (
        <div className="mt-4">
          <CommuneRanking rows={communeRows} clusters={dashboard.clusters} cluster={cluster} q={q} />
        </div>
      )}
      <div className="mt-4">
        <Card>
          <p className="text-sm text-slate-700">{t('dashboard.footnote')} <Link className="text-rose-800 underline" href="/reports">{t('dashboard.openReport')}</Link></p>
        </Card>
      </div>
    </>
  );
}
