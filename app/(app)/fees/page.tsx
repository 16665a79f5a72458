import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/collections/print-button';
import { AddFeeRateForm, AddFeeShareForm, ComputeFeeMonthForm } from '@/components/fees/fee-forms';
import { formatMonth, statementUnitOptions, UnitPeriodFilter } from '@/components/fees/unit-month-filter';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { feeStatement, formatPpm, listFeeSettings } from '@/lib/fees';
import { formatDateTime } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { listProgrammes } from '@/lib/programmes/list-programmes';
import { previousMonth } from '@/lib/fees/months';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('fees') };
}

type Statement = Awaited<ReturnType<typeof feeStatement>>;
type CommuneRow = Statement['byCommune'][number];
type LeaderRow = Statement['byGroupLeader'][number];

const signed = (amount: bigint) => (amount === 0n ? '—' : `${amount > 0n ? '+' : ''}${formatVnd(amount)}`);

export default async function FeesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const query = await searchParams;
  const month = /^\d{4}-\d{2}$/.test(query.month ?? '') ? query.month! : previousMonth();
  const orgUnitId = query.orgUnitId ?? actor.orgUnitId;
  const [statement, settings, units] = await Promise.all([
    orNotFound(feeStatement(actor, { month, orgUnitId })),
    orNotFound(listFeeSettings(actor)),
    statementUnitOptions(actor),
  ]);
  const manage = actorCan(actor, 'fund:manage');
  const programmes = manage ? (await listProgrammes(actor)).filter((p) => p.fundSource === 'VBSP').map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` })) : [];
  const exportHref = (view: string) => `/api/v1/fees/statements?month=${month}&orgUnitId=${statement.orgUnit.id}&format=xlsx&view=${view}`;
  const totals = statement.totals;
  const communeFooter: CommuneRow = {
    orgUnit: { id: '', code: '', name: t('fees.page.total') }, interestCollected: totals.interestCollected, outstandingEnd: totals.outstandingEnd, fee: totals.fee,
    previousFee: totals.fee - statement.byCommune.reduce((s, c) => s + c.difference, 0n), commission: totals.commission,
    difference: statement.byCommune.reduce((s, c) => s + c.difference, 0n), shares: totals.shares,
  };
  const leaderFooter: LeaderRow = {
    groupId: '', group: { code: t('fees.page.total'), name: '', leader: null }, orgUnit: { id: '', code: '', name: '' }, commission: totals.commission,
    previousCommission: 0n, interestCollected: totals.interestCollected, difference: statement.byGroupLeader.reduce((s, g) => s + g.difference, 0n),
  };

  return (
    <>
      <style>{'@media print { @page { size: A4 landscape; margin: 12mm } aside, header, .no-print { display: none !important } }'}</style>
      <PageHeader title={t('nav.fees')} description={t('fees.page.description')} />
      <UnitPeriodFilter units={units} orgUnitId={statement.orgUnit.id} fields={[{ name: 'month', label: t('fees.page.month'), value: month, type: 'month' }]} />
      <div className="grid gap-4">
        <Card title={t('fees.page.statementTitle', { month: formatMonth(month), unit: statement.orgUnit.name })}>
          <div className="no-print mb-3 flex flex-wrap items-center gap-3 text-sm">
            <p data-testid="fee-status" className={statement.stale ? 'font-medium text-amber-800' : 'text-slate-700'}>
              {statement.computedAt
                ? statement.stale ? t('fees.page.stale', { at: formatDateTime(statement.computedAt) }) : t('fees.page.computedAt', { at: formatDateTime(statement.computedAt) })
                : t('fees.page.notComputed')}
            </p>
            {actorCan(actor, 'fees:compute') && <ComputeFeeMonthForm month={month} orgUnitId={statement.orgUnit.id} again={statement.computedAt !== null} />}
            {statement.lines.length > 0 && (
              <>
                <a className={buttonClass('secondary')} href={exportHref('communes')} download>{t('fees.page.downloadCommunes')}</a>
                <a className={buttonClass('secondary')} href={exportHref('leaders')} download>{t('fees.page.downloadLeaders')}</a>
                <PrintButton />
              </>
            )}
          </div>
          {statement.lines.length === 0 ? (
            <EmptyState>{t('fees.page.empty')}</EmptyState>
          ) : (
            <>
              <p className="mb-2 text-sm text-slate-700">
                {statement.share
                  ? t('fees.page.shareRule', { commune: statement.share.communeBp / 100, district: statement.share.districtBp / 100, province: statement.share.provinceBp / 100 })
                  : t('fees.page.noShareRule')}
              </p>
              <DataTable<CommuneRow>
                testId="fee-communes"
                caption={t('fees.page.byCommune')}
                rows={statement.byCommune}
                rowKey={(r) => r.orgUnit.id}
                footer={communeFooter}
                columns={[
                  { header: t('fees.page.commune'), cell: (r) => r.orgUnit.name },
                  { header: t('fees.page.interestCollected'), numeric: true, cell: (r) => formatVnd(r.interestCollected) },
                  { header: t('fees.page.outstandingEnd'), numeric: true, cell: (r) => formatVnd(r.outstandingEnd) },
                  { header: t('fees.page.fee'), numeric: true, cell: (r) => formatVnd(r.fee) },
                  { header: t('fees.page.difference'), numeric: true, cell: (r) => signed(r.difference) },
                  { header: t('fees.page.shareCommune'), numeric: true, cell: (r) => formatVnd(r.shares.commune) },
                  { header: t('fees.page.shareDistrict'), numeric: true, cell: (r) => formatVnd(r.shares.district) },
                  { header: t('fees.page.shareProvince'), numeric: true, cell: (r) => formatVnd(r.shares.province) },
                  { header: t('fees.page.commission'), numeric: true, cell: (r) => formatVnd(r.commission) },
                ]}
              />
              <h3 className="mb-2 mt-6 text-base font-semibold">{t('fees.page.byLeader')}</h3>
              <DataTable<LeaderRow>
                testId="fee-leaders"
                caption={t('fees.page.byLeader')}
                rows={statement.byGroupLeader}
                rowKey={(r) => r.groupId}
                footer={leaderFooter}
                columns={[
                  { header: t('fees.page.group'), cell: (r) => (r.group.name ? `${r.group.code} · ${r.group.name}` : r.group.code) },
                  { header: t('fees.page.leader'), cell: (r) => r.group.leader?.fullName ?? (r.groupId ? '—' : '') },
                  { header: t('fees.page.commune'), cell: (r) => r.orgUnit.name },
                  { header: t('fees.page.interestCollected'), numeric: true, cell: (r) => formatVnd(r.interestCollected) },
                  { header: t('fees.page.commission'), numeric: true, cell: (r) => formatVnd(r.commission) },
                  { header: t('fees.page.difference'), numeric: true, cell: (r) => signed(r.difference) },
                ]}
              />
            </>
          )}
        </Card>
        <Card title={t('fees.settings.title')}>
          <p className="mb-3 text-sm text-slate-700">{t('fees.settings.help')}</p>
          {settings.rates.length === 0 ? (
            <EmptyState action={manage && t('fees.settings.noRatesAdd')}>{t('fees.settings.noRates')}</EmptyState>
          ) : (
            <DataTable
              testId="fee-rates"
              rows={settings.rates}
              rowKey={(r) => r.id}
              columns={[
                { header: t('fees.settings.programme'), cell: (r) => r.programme.code },
                { header: t('fees.settings.kind'), cell: (r) => t(`fees.settings.kinds.${r.kind}`) },
                { header: t('fees.settings.basis'), cell: (r) => t(`fees.settings.bases.${r.basis}`) },
                { header: t('fees.settings.rate'), numeric: true, cell: (r) => formatPpm(r.ratePpm) },
                { header: t('fees.settings.effectiveMonth'), cell: (r) => formatDateOnly(r.effectiveFrom) },
                { header: t('fees.settings.note'), cell: (r) => r.note ?? '' },
              ]}
            />
          )}
          <h3 className="mb-2 mt-4 text-sm font-semibold">{t('fees.settings.sharesTitle')}</h3>
          {settings.shares.length === 0 ? (
            <p className="text-sm text-slate-600">{t('fees.page.noShareRule')}</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {settings.shares.map((s) => (
                <li key={s.id}>{t('fees.settings.shareLine', { from: formatDateOnly(s.effectiveFrom), commune: s.communeBp / 100, district: s.districtBp / 100, province: s.provinceBp / 100 })}</li>
              ))}
            </ul>
          )}
          {manage && (
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <div>
                <h3 className="mb-2 text-sm font-semibold">{t('fees.settings.addRate')}</h3>
                <AddFeeRateForm programmes={programmes} />
              </div>
              <div>
                <h3 className="mb-2 text-sm font-semibold">{t('fees.settings.addShare')}</h3>
                <AddFeeShareForm />
              </div>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
