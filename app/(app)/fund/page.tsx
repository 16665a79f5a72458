import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/collections/print-button';
import { formatMonth, statementUnitOptions, UnitPeriodFilter } from '@/components/fees/unit-month-filter';
import { AllocationForm, AllowanceRuleForm, RequestSettlementForm } from '@/components/fund/fund-forms';
import { communeAndChapterOptions } from '@/components/groups/group-options';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly, isoDate, monthOf, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { listFeeSettings } from '@/lib/fees';
import { quarterOf } from '@/lib/fees/months';
import { allowanceStatement, fundBalance, listAllocations, listSettlements } from '@/lib/fund';
import { formatVnd } from '@/lib/money';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('fund') };
}

type Balance = Awaited<ReturnType<typeof fundBalance>>;
type CommuneRow = Balance['communes'][number];
type FundRow = Balance['funds'][number];
type Allowances = Awaited<ReturnType<typeof allowanceStatement>>;
type GroupRow = Allowances['byGroup'][number];

const STATUS_TONE = { ACTIVE: 'green', SETTLING: 'amber', SETTLED: 'slate' } as const;
const SETTLEMENT_TONE = { REQUESTED: 'amber', APPROVED: 'rose', CLOSED: 'slate', REJECTED: 'slate' } as const;
const MONTH = /^\d{4}-\d{2}$/;

export default async function FundPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const query = await searchParams;
  const asOf = parseDateOnly(query.asOf ?? '') ?? todayInVietnam();
  // Allowances default to the last complete calendar quarter.
  const fromMonth = MONTH.test(query.fromMonth ?? '') ? query.fromMonth! : quarterOf(monthOf(todayInVietnam(), -3)).fromMonth;
  const toMonth = MONTH.test(query.toMonth ?? '') && query.toMonth! >= fromMonth ? query.toMonth! : MONTH.test(query.fromMonth ?? '') ? fromMonth : quarterOf(fromMonth).toMonth;
  const orgUnitId = query.orgUnitId ?? actor.orgUnitId;
  const manage = actorCan(actor, 'fund:manage');
  const [balance, allowances, settlements, allocations, settings, units, communeOptions] = await Promise.all([
    orNotFound(fundBalance(actor, { orgUnitId, asOf: isoDate(asOf) })),
    orNotFound(allowanceStatement(actor, { fromMonth, toMonth, orgUnitId })),
    orNotFound(listSettlements(actor)),
    orNotFound(listAllocations(actor)),
    orNotFound(listFeeSettings(actor)),
    statementUnitOptions(actor),
    manage || actorCan(actor, 'fund:request') ? communeAndChapterOptions(actor).then((o) => o.communes) : Promise.resolve([]),
  ]);
  const totalRow: CommuneRow = { orgUnit: { id: '', code: '', name: t('fees.page.total'), district: '' }, fund: null, status: 'ACTIVE', ...balance.totals };
  const allowanceTotal: GroupRow = { group: { id: '', code: t('fees.page.total'), name: '', leader: null }, orgUnitId: '', months: [], ...allowances.totals };
  const allowanceHref = `/api/v1/fund/allowances?fromMonth=${fromMonth}&toMonth=${toMonth}&orgUnitId=${allowances.orgUnit.id}&format=xlsx`;

  return (
    <>
      <style>{'@media print { @page { size: A4 landscape; margin: 12mm } aside, header, .no-print { display: none !important } }'}</style>
      <PageHeader title={t('nav.fund')} description={t('fund.page.description')} />
      <UnitPeriodFilter
        units={units}
        orgUnitId={balance.orgUnit.id}
        fields={[
          { name: 'asOf', label: t('fund.page.asOf'), value: isoDate(asOf), type: 'date' },
          { name: 'fromMonth', label: t('fund.page.fromMonth'), value: fromMonth, type: 'month' },
          { name: 'toMonth', label: t('fund.page.toMonth'), value: toMonth, type: 'month' },
        ]}
      />
      <div className="grid gap-4">
        <Card title={t('fund.page.balanceTitle', { unit: balance.orgUnit.name, date: formatDateOnly(asOf) })}>
          <p className="mb-3 text-sm" data-testid="fund-communes">
            {t('fund.page.communeCount', { active: balance.communeCount.active, settling: balance.communeCount.settling, settled: balance.communeCount.settled })}
          </p>
          {balance.communes.length === 0 ? (
            <EmptyState>{t('fund.page.noFund')}</EmptyState>
          ) : (
            <DataTable<CommuneRow>
              testId="fund-balance"
              caption={t('fund.page.balanceCaption')}
              rows={balance.communes}
              rowKey={(r) => r.orgUnit.id}
              footer={totalRow}
              columns={[
                { header: t('fund.page.commune'), cell: (r) => (r.orgUnit.id ? <span>{r.orgUnit.name}<span className="block text-xs text-slate-600">{r.fund ?? r.orgUnit.district}</span></span> : r.orgUnit.name) },
                { header: t('fund.page.status'), cell: (r) => (r.orgUnit.id ? <Badge tone={STATUS_TONE[r.status]}>{t(`fund.status.${r.status}`)}</Badge> : '') },
                { header: t('fund.page.capital'), numeric: true, cell: (r) => formatVnd(r.allocated - r.returned) },
                { header: t('fund.page.disbursed'), numeric: true, cell: (r) => formatVnd(r.disbursed) },
                { header: t('fund.page.principalRepaid'), numeric: true, cell: (r) => formatVnd(r.principalRepaid) },
                { header: t('fund.page.interest'), numeric: true, cell: (r) => formatVnd(r.interestCollected) },
                { header: t('fund.page.allowancesPaid'), numeric: true, cell: (r) => formatVnd(r.allowancesPaid) },
                ...(balance.communes.some((r) => r.movedIn || r.movedOut) ? [{ header: t('fund.page.moved'), numeric: true, cell: (r: CommuneRow) => formatVnd(r.movedIn - r.movedOut) }] : []),
                ...(balance.communes.some((r) => r.handedIn || r.handedOut) ? [{ header: t('fund.page.handedOver'), numeric: true, cell: (r: CommuneRow) => formatVnd(r.handedIn - r.handedOut) }] : []),
                { header: t('fund.page.outstanding'), numeric: true, cell: (r) => formatVnd(r.outstanding) },
                { header: t('fund.page.cash'), numeric: true, cell: (r) => <span className={r.cashOnHand < 0n ? 'font-semibold text-red-700' : ''}>{formatVnd(r.cashOnHand)}</span> },
              ]}
            />
          )}
          <p className="mt-2 text-xs text-slate-600">{t('fund.page.identity')}</p>
          {balance.funds.length > 0 && (
            <DataTable<FundRow>
              testId="fund-by-fund"
              caption={t('fund.page.byFundCaption')}
              rows={balance.funds}
              rowKey={(r) => r.fund ?? ''}
              columns={[
                { header: t('fund.page.fund'), cell: (r) => r.fund ?? t('fund.page.provinceFund') },
                { header: t('fund.page.capital'), numeric: true, cell: (r) => formatVnd(r.allocated - r.returned + r.handedIn - r.handedOut) },
                { header: t('fund.page.outstanding'), numeric: true, cell: (r) => formatVnd(r.outstanding) },
                { header: t('fund.page.cash'), numeric: true, cell: (r) => formatVnd(r.cashOnHand) },
              ]}
            />
          )}
        </Card>

        <Card title={t('fund.page.allowanceTitle', { from: formatMonth(fromMonth), to: formatMonth(toMonth), unit: allowances.orgUnit.name })}>
          {allowances.byGroup.length === 0 ? (
            <EmptyState>{t('fund.page.noAllowances')}</EmptyState>
          ) : (
            <>
              <div className="no-print mb-3 flex flex-wrap gap-2">
                <a className={buttonClass('secondary')} href={allowanceHref} download>{t('fund.page.downloadAllowances')}</a>
                <PrintButton />
              </div>
              <DataTable<GroupRow>
                testId="allowances"
                caption={t('fund.page.allowanceCaption')}
                rows={allowances.byGroup}
                rowKey={(r) => r.group.id}
                footer={allowanceTotal}
                columns={[
                  { header: t('fund.page.group'), cell: (r) => (r.group.name ? `${r.group.code} · ${r.group.name}` : r.group.code) },
                  { header: t('fund.page.leader'), cell: (r) => r.group.leader?.fullName ?? '' },
                  { header: t('fund.page.members'), numeric: true, cell: (r) => (r.months.length ? String(r.months.at(-1)!.members) : '') },
                  { header: t('fund.page.interest'), numeric: true, cell: (r) => formatVnd(r.interest) },
                  { header: t('fund.page.unionOfficers'), numeric: true, cell: (r) => formatVnd(r.unionOfficers) },
                  { header: t('fund.page.groupOfficers'), numeric: true, cell: (r) => formatVnd(r.groupOfficers) },
                  { header: t('fund.page.retained'), numeric: true, cell: (r) => formatVnd(r.retained) },
                ]}
              />
            </>
          )}
          <h3 className="mb-1 mt-4 text-sm font-semibold">{t('fund.rules.title')}</h3>
          {settings.allowances.length === 0 ? (
            <p className="text-sm text-slate-600">{t('fund.rules.none')}</p>
          ) : (
            <ul className="space-y-1 text-sm" data-testid="allowance-rules">
              {settings.allowances.map((r) => (
                <li key={r.id}>
                  {t('fund.rules.line', {
                    from: formatDateOnly(r.effectiveFrom), allowance: r.allowanceBp / 100, groupOfficers: r.groupOfficerBp / 100,
                    full: r.fullFromMembers, reduced: r.reducedFromMembers, reducedPct: r.reducedPct,
                  })}
                </li>
              ))}
            </ul>
          )}
          {manage && (
            <details className="no-print mt-3">
              <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('fund.rules.add')}</summary>
              <div className="mt-3"><AllowanceRuleForm /></div>
            </details>
          )}
        </Card>

        <Card title={t('fund.settlement.listTitle')}>
          {settlements.length === 0 ? (
            <EmptyState>{t('fund.settlement.none')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="settlements">
              {settlements.map((s) => (
                <li key={s.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link href={`/fund/settlements/${s.id}`} className="font-medium text-rose-800 underline">{s.orgUnit.name}</Link>
                  <Badge tone={SETTLEMENT_TONE[s.status]}>{t(`fund.settlementStatus.${s.status}`)}</Badge>
                  <span className="text-slate-600">{formatDateOnly(s.requestDate)} · {s.documentRef}</span>
                </li>
              ))}
            </ul>
          )}
          {actorCan(actor, 'fund:request') && communeOptions.length > 0 && (
            <details className="no-print mt-3">
              <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('fund.settlement.requestTitle')}</summary>
              <div className="mt-3"><RequestSettlementForm communes={communeOptions} /></div>
            </details>
          )}
        </Card>

        {(manage || allocations.length > 0) && (
          <Card title={t('fund.page.allocationsTitle')}>
            {allocations.length > 0 && (
              <DataTable
                testId="allocations"
                rows={allocations.slice(0, 20)}
                rowKey={(a) => a.id}
                columns={[
                  { header: t('fund.page.date'), cell: (a) => formatDateOnly(a.date) },
                  { header: t('fund.page.commune'), cell: (a) => a.orgUnit.name },
                  { header: t('fund.page.movement'), cell: (a) => t(`fund.page.kinds.${a.kind}`) },
                  { header: t('fund.page.amount'), numeric: true, cell: (a) => formatVnd(a.amount) },
                  { header: t('fund.page.decisionNo'), cell: (a) => a.decisionNo ?? '' },
                ]}
              />
            )}
            {manage && communeOptions.length > 0 && (
              <div className="no-print mt-4"><AllocationForm communes={communeOptions} /></div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}
