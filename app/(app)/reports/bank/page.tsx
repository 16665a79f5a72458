import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/collections/print-button';
import { AsOfNotice } from '@/components/dashboard/as-of-notice';
import { ExportJobButton } from '@/components/dashboard/export-job-button';
import { statementUnitOptions } from '@/components/fees/unit-month-filter';
import { buttonClass } from '@/components/ui/button';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { formatPercent } from '@/lib/i18n/format';
import { formatThousands } from '@/lib/money';
import { BANK_REPORTS, isBankReportKind, type BankReportKind } from '@/lib/reports/bank';
import type { Cell, ReportColumn } from '@/lib/reports/tabular';
import { ScrollBox } from '@/components/ui/scroll-box';
import { DateInput } from '@/components/ui/date-input';

export async function generateMetadata() {
  return { title: (await getTranslations('reports.bank'))('title') };
}

const PREVIEW_ROWS = 200;
const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5';
const show = (c: ReportColumn, v: Cell | undefined) =>
  v === null || v === undefined ? '' : c.type === 'money' || c.type === 'int' ? formatThousands(BigInt(v)) : c.type === 'ratio' ? formatPercent(Number(v)) : String(v);

export default async function BankReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const q = await searchParams;
  const today = todayInVietnam();
  const kind: BankReportKind = isBankReportKind(q.kind ?? '') ? (q.kind as BankReportKind) : 'outstanding';
  const from = parseDateOnly(q.from ?? '') ?? new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const to = parseDateOnly(q.to ?? '') ?? today;
  const query = { orgUnitId: q.orgUnitId ?? actor.orgUnitId, from: isoDate(from), to: isoDate(to) };
  const [report, units] = await Promise.all([orNotFound(BANK_REPORTS[kind](actor, query)), statementUnitOptions(actor)]);
  const params = new URLSearchParams(query);
  const href = (format: string) => `/api/v1/reports/bank/${kind}?${params}&format=${format}`;
  const numeric = (c: ReportColumn) => c.type !== 'text';

  return (
    <>
      <style>{'@media print { @page { size: A4 landscape; margin: 10mm } aside, header, .no-print { display: none !important } }'}</style>
      <PageHeader title={t('reports.bank.title')} description={t('reports.bank.description')} />
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">{t('reports.bank.kind')}
          <select name="kind" defaultValue={kind} className={inputClass}>
            {(Object.keys(BANK_REPORTS) as BankReportKind[]).map((k) => <option key={k} value={k}>{t(`reports.bank.kinds.${k}`)}</option>)}
          </select>
        </label>
        <label className="flex flex-col">{t('reports.from')}<DateInput name="from" defaultValue={query.from} className={inputClass} /></label>
        <label className="flex flex-col">{t('reports.to')}<DateInput name="to" defaultValue={query.to} className={inputClass} /></label>
        {units.length > 1 && (
          <label className="flex flex-col">{t('fees.page.unit')}
            <select name="orgUnitId" defaultValue={query.orgUnitId} className={inputClass}>{units.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}</select>
          </label>
        )}
        <button type="submit" className="min-h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t('fees.page.show')}</button>
      </form>
      <p className="no-print mb-4 text-sm text-slate-700">
        {t('reports.bank.others')} <Link className="text-rose-800 underline" href="/fees">{t('nav.fees')}</Link> · <Link className="text-rose-800 underline" href="/reports">{t('reports.title')}</Link>
      </p>
      <AsOfNotice asOf={report.asOf} />
      <Card title={`${report.title} · ${report.subtitle}`}>
        <div className="no-print mb-3 flex flex-wrap gap-2">
          <a className={buttonClass('secondary')} href={href('xlsx')} download>{t('reports.downloadXlsx')}</a>
          <a className={buttonClass('secondary')} href={href('csv')} download>{t('reports.downloadCsv')}</a>
          <a className={buttonClass('secondary')} href={`${href('csv')}&sep=semicolon`} download title={t('reports.csvSemicolonHelp')}>{t('reports.downloadCsvSemicolon')}</a>
          <PrintButton />
        </div>
        <div className="no-print mb-3"><ExportJobButton kind={kind} params={query} /></div>
        {report.rows.length === 0 ? <EmptyState>{t('reports.noRows')}</EmptyState> : (
          <ScrollBox>
            <table className="w-full text-left text-sm" data-testid="bank-report">
              <caption className="sr-only">{report.title}</caption>
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>{report.columns.map((c) => <th key={c.key} scope="col" className={`py-2 pr-3 ${numeric(c) ? 'text-right' : ''}`}>{c.header}</th>)}</tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {report.rows.slice(0, PREVIEW_ROWS).map((r, i) => (
                  <tr key={i}>{report.columns.map((c) => <td key={c.key} className={`py-1.5 pr-3 ${numeric(c) ? 'text-right tabular-nums whitespace-nowrap' : ''}`}>{show(c, r[c.key])}</td>)}</tr>
                ))}
              </tbody>
              {report.totals && (
                <tfoot className="border-t-2 border-slate-300 font-semibold">
                  <tr>{report.columns.map((c) => <td key={c.key} className={`py-2 pr-3 ${numeric(c) ? 'text-right tabular-nums whitespace-nowrap' : ''}`}>{show(c, report.totals![c.key])}</td>)}</tr>
                </tfoot>
              )}
            </table>
            {report.rows.length > PREVIEW_ROWS && <p className="mt-2 text-sm text-slate-600">{t('reports.bank.preview', { shown: PREVIEW_ROWS, total: report.rows.length })}</p>}
          </ScrollBox>
        )}
      </Card>
    </>
  );
}
