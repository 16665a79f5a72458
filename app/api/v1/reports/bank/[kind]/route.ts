// GET /api/v1/reports/bank/:kind?orgUnitId=&from=YYYY-MM-DD&to=YYYY-MM-DD[&format=json|xlsx|csv][&sep=semicolon] — the bank
// liaison's reports: outstanding (by programme × commune at `to`), disbursements (list in the period),
// collections (by group and month), overdue (loans with ageing at `to`), savings (by group at `to`).
// JSON: {kind, title, subtitle, columns, rows, totals, asOf} (asOf as in the summary); XLSX styled for print (A4 landscape). A report that lists people
// (disbursements, overdue) is audited in every format: who, which, format, filters, row count.
import { queryObject } from '@/lib/api/form';
import { apiRoute, json } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { csvDelimiterOf } from '@/lib/imports/csv';
import { notFound } from '@/lib/errors';
import { bankReportForExport, isBankReportKind, type BankReportInput } from '@/lib/reports/bank';
import { reportCsv, reportXlsx } from '@/lib/reports/tabular';

export const GET = apiRoute<{ kind: string }>(async ({ actor, params, request }) => {
  if (!isBankReportKind(params.kind)) throw notFound();
  const { format, sep, ...query } = queryObject(Object.fromEntries(new URL(request.url).searchParams));
  const report = await bankReportForExport(actor, params.kind, query as unknown as BankReportInput, format === 'xlsx' || format === 'csv' ? format : 'json');
  const fileName = `${report.kind}-${query.from ?? ''}-${query.to ?? ''}`;
  if (format === 'xlsx') return download(reportXlsx(report), `${fileName}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  if (format === 'csv') return download(reportCsv(report, undefined, csvDelimiterOf(sep)), `${fileName}.csv`, 'text/csv; charset=utf-8');
  return json(report);
});
