// GET /api/v1/inspections/:id/attachments/:attachmentId — the file, as a download.
import { apiRoute } from '@/lib/api/route';
import { getAttachment } from '@/lib/inspections';

export const GET = apiRoute<{ id: string; attachmentId: string }>(async ({ actor, params }) => {
  const file = await getAttachment(actor, params.id, params.attachmentId);
  return new Response(new Uint8Array(file.data), {
    headers: {
      'content-type': file.mimeType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    },
  });
});
