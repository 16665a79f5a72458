// GET /api/v1/groups/:id/collection-sheet/xlsx?month=YYYY-MM — the sheet as XLSX (the 13/TD layout).
import { apiRoute } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { exportCollectionSheet } from '@/lib/collections';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const { stream, fileName } = await exportCollectionSheet(actor, params.id, new URL(request.url).searchParams.get('month') ?? '');
  return download(stream, fileName, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});
