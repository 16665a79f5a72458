import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/collections/print-button';
import { statementUnitOptions } from '@/components/fees/unit-month-filter';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { AsOfNotice } from '@/components/dashboard/as-of-notice';
import { BankFigureForm } from '@/components/dashboard/bank-figure-form';
import { RatingDistributionTable } from '@/components/groups/group-ratings';
import { ratingDistribution } from '@/lib/groups';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { formatPercent } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { listProgrammes } from '@/lib/programmes/list-programmes';
import { summaryReport, type SummaryReport } from '@/lib/reports';
import { lastDayOf } from '@/lib/org/find-org-unit';
import { DateInput } from '@/components/ui/date-input';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('reports') };
}

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5';
type ChildRow = SummaryReport['byChild'][number];
type ProgrammeRow = SummaryReport['byProgramme'][number];

function Figure({ label, value, sub, testId }: { label: string; value: string; sub?: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3" data-testid={testId}>
      <p className="text-xs text-slate-600">{label}</p>
      <p className="mt-1 text-lg font-semibold tabular-nums text-slate-900">{value}</p>
      {sub && <p className="text-xs text-slate-600">{sub}</p>}
    </div>
  );
}

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const q = await searchParams;
  const today = todayInVietnam();
  const from = parseDateOnly(q.from ?? '') ?? new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const asked = parseDateOnly(q.to ?? '') ?? today;
  // A unit a reorganisation ended is reported on up to its last day.
  const ended = q.orgUnitId ? await lastDayOf(actor, q.orgUnitId) : null;
  const to = ended && ended < asked ? ended : asked;
  const query = {
    orgUnitId: q.orgUnitId ?? actor.orgUnitId, from: isoDate(from), to: isoDate(to),
    ...(q.programme ? { programme: q.programme } : {}), ...(q.fundSource ? { fundSource: q.fundSource } : {}), ...(q.by === 'commune' ? { by: 'commune' } : {}),
  };
  const [report, units, programmes] = await Promise.all([
    orNotFound(summaryReport(actor, query as Parameters<typeof summaryReport>[1])),
    statementUnitOptions(actor),
    listProgrammes(actor),
  ]);
  const ratings = actorCan(actor, 'inspection:read') ? await ratingDistribution(actor, { year: to.getUTCFullYear(), orgUnitId: report.orgUnit.id }) : null;
  const params = new URLSearchParams(query as Record<string, string>);
  const drill = (row: ChildRow) => (row.orgUnit.level === 'GROUP' ? `/groups/${row.orgUnit.id}` : `/reports?${new URLSearchParams({ ...Object.fromEntries(params), orgUnitId: row.orgUnit.id, by: '' })}`);
  const growth = report.outstanding.growth;
  const total: ChildRow = { orgUnit: { id: '', code: '', name: t('fees.page.total'), level: '' }, disbursed: report.disbursed.amount, outstanding: report.outstanding.end.amount, groups: report.groups.active };

  return (
    <>
      <style>{'@media print { @page { size: A4 portrait; margin: 12mm } aside, header, .no-print { display: none !important } }'}</style>
      <PageHeader title={t('reports.title')} description={t('reports.description')} />
      <p className="no-print mb-3 flex flex-wrap gap-4 text-sm">
        <Link className="font-medium text-rose-800 underline" href="/reports/bank">{t('reports.bank.link')}</Link>
        <Link className="font-medium text-rose-800 underline" href="/reports/year">{t('reports.year.link')}</Link>
      </p>
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">{t('reports.from')}<DateInput name="from" defaultValue={query.from} className={inputClass} /></label>
        <label className="flex flex-col">{t('reports.to')}<DateInput name="to" defaultValue={query.to} className={inputClass} /></label>
        {units.length > 1 && (
          <label className="flex flex-col">{t('fees.page.unit')}
            <select name="orgUnitId" defaultValue={report.orgUnit.id} className={inputClass}>{units.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}</select>
          </label>
        )}
        <label className="flex flex-col">{t('reports.programme')}
          <select name="programme" defaultValue={q.programme ?? ''} className={inputClass}>
            <option value="">{t('reports.all')}</option>
            {programmes.map((p) => <option key={p.id} value={p.code}>{p.code} · {p.name}</option>)}
          </select>
        </label>
        <label className="flex flex-col">{t('reports.fundSource')}
          <select name="fundSource" defaultValue={q.fundSource ?? ''} className={inputClass}>
            <option value="">{t('reports.all')}</option>
            {(['VBSP', 'REVOLVING', 'CHAPTER'] as const).map((f) => <option key={f} value={f}>{t(`reports.fundSources.${f}`)}</option>)}
          </select>
        </label>
        <label className="flex items-center gap-2 pb-2"><input type="checkbox" name="by" value="commune" defaultChecked={q.by === 'commune'} />{t('reports.byCommune')}</label>
        <button type="submit" className="min-h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t('fees.page.show')}</button>
      </form>
      <AsOfNotice asOf={report.asOf} />
      {report.restated?.events.map((e) => (
        <p key={e.decisionNo} role="note" className="mb-3 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="restated-notice">
          {t('reorg.restatedNotice', { decision: e.decisionNo, date: formatDateOnly(parseDateOnly(e.effectiveOn)!), merged: e.communesMerged, into: e.communesInto })}
        </p>
      ))}
      <Card title={t('reports.summaryTitle', { unit: report.orgUnit.name, from: formatDateOnly(from), to: formatDateOnly(to) })}>
        <div className="no-print mb-3 flex flex-wrap gap-2">
          <a className={buttonClass('secondary')} href={`/api/v1/reports/summary?${params}&format=xlsx`} download>{t('reports.downloadXlsx')}</a>
          <a className={buttonClass('secondary')} href={`/api/v1/reports/summary?${params}&format=csv`} download>{t('reports.downloadCsv')}</a>
          <a className={buttonClass('secondary')} href={`/api/v1/reports/summary?${params}&format=csv&sep=semicolon`} download title={t('reports.csvSemicolonHelp')}>{t('reports.downloadCsvSemicolon')}</a>
          <PrintButton />
        </div>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="summary-figures">
          <Figure label={t('reports.disbursed')} value={formatVnd(report.disbursed.amount)} sub={t('reports.disbursedSub', { borrowers: report.disbursed.borrowers, loans: report.disbursed.loans })} testId="figure-disbursed" />
          <Figure label={t('reports.principalRepaid')} value={formatVnd(report.principalRepaid.amount)} sub={t('reports.interestSub', { amount: formatVnd(report.interestCollected.amount) })} />
          <Figure label={t('reports.outstandingEnd')} value={formatVnd(report.outstanding.end.amount)} sub={t('reports.borrowersSub', { count: report.outstanding.end.borrowers })} testId="figure-outstanding" />
          <Figure label={t('reports.growth')} value={`${growth > 0n ? '+' : ''}${formatVnd(growth)}`} sub={t('reports.startSub', { amount: formatVnd(report.outstanding.start.amount) })} />
          <Figure label={t('reports.overdue')} value={formatVnd(report.overdue.amount)} sub={t('reports.ratioSub', { ratio: formatPercent(report.overdue.ratio) })} />
          <Figure label={t('reports.savings')} value={formatVnd(report.savings.balance)} sub={t('reports.savingsSub', { participants: report.savings.participants, ratio: formatPercent(report.savings.participationRatio) })} />
          <Figure label={t('reports.groups')} value={String(report.groups.active)} sub={t('reports.groupsSub', { count: report.groups.toConsolidate, withOutstanding: report.groups.withOutstanding })} />
          <Figure label={t('reports.communes')} value={String(report.communes.active)} sub={t('reports.communesSub', { count: report.communes.settled })} />
          {report.bankShare && (
            <Figure
              testId="figure-share"
              label={t('reports.share.label')}
              value={formatPercent(report.bankShare.ratio)}
              sub={t('reports.share.sub', { month: `${report.bankShare.month.slice(5)}/${report.bankShare.month.slice(0, 4)}`, amount: formatVnd(report.bankShare.bankOutstanding) })}
            />
          )}
        </div>
        <h3 className="mb-2 mt-5 text-sm font-semibold">{t('reports.ageing')}</h3>
        <DataTable
          testId="overdue-buckets"
          rows={report.overdue.buckets}
          rowKey={(b) => String(b.fromDays)}
          columns={[
            { header: t('reports.bucket'), cell: (b) => (b.toDays ? t('reports.bucketRange', { from: b.fromDays, to: b.toDays }) : t('reports.bucketOver', { from: b.fromDays - 1 })) },
            { header: t('reports.loans'), numeric: true, cell: (b) => String(b.loans) },
            { header: t('reports.amount'), numeric: true, cell: (b) => formatVnd(b.amount) },
          ]}
        />
        {actorCan(actor, 'report:reference') && (
          <details className="no-print mt-4">
            <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('reports.share.title')}</summary>
            <div className="mt-3"><BankFigureForm orgUnitId={report.orgUnit.id} month={query.to.slice(0, 7)} share={report.bankShare} /></div>
          </details>
        )}
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t('reports.byChildTitle')}>
          {report.byChild.length === 0 ? <EmptyState>{t('reports.noRows')}</EmptyState> : (
            <DataTable<ChildRow>
              testId="by-child"
              rows={report.byChild}
              rowKey={(r) => r.orgUnit.id}
              footer={total}
              columns={[
                { header: t('reports.unit'), cell: (r) => (r.orgUnit.id ? <Link className="text-rose-800 underline" href={drill(r)}>{r.orgUnit.name}</Link> : r.orgUnit.name) },
                { header: t('reports.disbursed'), numeric: true, cell: (r) => formatVnd(r.disbursed) },
                { header: t('reports.outstandingEnd'), numeric: true, cell: (r) => formatVnd(r.outstanding) },
                { header: t('reports.groups'), numeric: true, cell: (r) => String(r.groups) },
              ]}
            />
          )}
        </Card>
        {ratings && (
          <Card title={t('groups.rating.distributionTitle', { year: ratings.year })}>
            <RatingDistributionTable distribution={ratings} />
          </Card>
        )}
        <Card title={t('reports.byProgrammeTitle')}>
          {report.byProgramme.length === 0 ? <EmptyState>{t('reports.noRows')}</EmptyState> : (
            <DataTable<ProgrammeRow>
              testId="by-programme"
              rows={report.byProgramme}
              rowKey={(r) => r.code}
              footer={{ code: '', name: t('fees.page.total'), disbursed: report.disbursed.amount, outstanding: report.outstanding.end.amount }}
              columns={[
                { header: t('reports.programme'), cell: (r) => (r.code ? `${r.code} · ${r.name}` : r.name) },
                { header: t('reports.disbursed'), numeric: true, cell: (r) => formatVnd(r.disbursed) },
                { header: t('reports.outstandingEnd'), numeric: true, cell: (r) => formatVnd(r.outstanding) },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
