// GET /api/v1/reconciliations?month=YYYY-MM — the bank's monthly lists uploaded in scope:
// {statements: [{id, month, commune, fileName, rows, uploadedAt, uploadedBy, reconciledAt, reconciledBy}]}.
// POST /api/v1/reconciliations — multipart: `file` (XLSX or CSV), `orgUnitId` (commune), `month`,
// `columns` (JSON {loanNumber?, nationalId?, borrowerName?, outstanding, interestPaid?, savingsBalance?}:
// the file's header for each field; by default the office's remembered choice or the usual names),
// `preview=1` to get the file's headers and the proposed columns only. All-or-nothing: 201 {id, rows,
// matched, unmatched}, or 422 {ok: false, issues: [{row, column, message}]}.
import { apiRoute, json, requestLocale } from '@/lib/api/route';
import { readUploadForm } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { listBankStatements, uploadBankStatement, type BankListColumns } from '@/lib/reconciliation';

export const GET = apiRoute(async ({ actor, request }) => {
  const month = new URL(request.url).searchParams.get('month') ?? undefined;
  return json({ statements: await listBankStatements(actor, { month: month && /^\d{4}-\d{2}$/.test(month) ? month : undefined }) });
});

export const POST = apiRoute(async ({ actor, request }) => {
  assertCan(actor, 'reconcile:run'); // before reading up to 20 MB from someone who may not reconcile
  const { file, fields } = await readUploadForm(request);
  const text = (name: string) => (typeof fields.get(name) === 'string' ? String(fields.get(name)) : '');
  let columns: BankListColumns | null = null;
  if (text('columns')) {
    try {
      columns = JSON.parse(text('columns')) as BankListColumns;
    } catch {
      throw new AppError('BAD_REQUEST', 'errors.badJson');
    }
  }
  const outcome = await uploadBankStatement(actor, { orgUnitId: text('orgUnitId'), month: text('month'), columns, preview: text('preview') === '1' }, file, requestLocale(request));
  if (outcome.preview) return json(outcome);
  return json(outcome, outcome.ok ? 201 : 422);
}, { forms: true });
