// GET /api/v1/exports/:kind?format=xlsx|csv[&sep=semicolon] — the register within scope, in the template's
// columns (an export re-imports unchanged). Streamed; recorded in the audit log.
import { apiRoute } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { csvDelimiterOf } from '@/lib/imports/csv';
import { exportRegister } from '@/lib/imports/export-register';

export const GET = apiRoute<{ kind: string }>(async ({ actor, params, request }) => {
  const search = new URL(request.url).searchParams;
  const { stream, fileName, contentType } = await exportRegister(actor, params.kind, search.get('format') ?? 'xlsx', csvDelimiterOf(search.get('sep')));
  return download(stream, fileName, contentType);
});
