// GET /api/v1/groups/:id/collection-sheet/xlsx?month=YYYY-MM — the sheet as XLSX (the 13/TD layout).
// POST (multipart `file`) — the same XLSX with the collected cells filled in: saved like the form's
// save, all-or-nothing: 200 {ok, replayed, totalLoans, totalSaving}, or 422 {ok: false, issues: [{row, column, message}]}.
import { apiRoute, json, requestLocale } from '@/lib/api/route';
import { download, readUpload } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { exportCollectionSheet, importFilledSheet } from '@/lib/collections';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const { stream, fileName } = await exportCollectionSheet(actor, params.id, new URL(request.url).searchParams.get('month') ?? '');
  return download(stream, fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  assertCan(actor, 'loan:apply'); // before reading the upload
  assertCan(actor, 'savings:post');
  const file = await readUpload(request);
  const outcome = await importFilledSheet(actor, params.id, new URL(request.url).searchParams.get('month') ?? '', file, requestLocale(request));
  return json(outcome, outcome.ok ? 200 : 422);
}, { forms: true });
