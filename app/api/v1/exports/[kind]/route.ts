// GET /api/v1/exports/:kind?format=xlsx|csv — the register within scope, in the template's
// columns (an export re-imports unchanged). Streamed; recorded in the audit log.
import { apiRoute } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { exportRegister } from '@/lib/imports/export-register';

export const GET = apiRoute<{ kind: string }>(async ({ actor, params, request }) => {
  const format = new URL(request.url).searchParams.get('format') ?? 'xlsx';
  const { stream, fileName, contentType } = await exportRegister(actor, params.kind, format);
  return download(stream, fileName, contentType);
});
