// GET /api/v1/export-jobs/:id/file — the finished file (kept a day); 409 while running.
import { apiRoute } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { openExportFile } from '@/lib/exports/jobs';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => {
  const file = await openExportFile(actor, params.id);
  return download(file.stream, file.fileName, file.contentType);
});
