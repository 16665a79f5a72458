// GET /api/v1/members/:id/subject-access?format=xlsx — everything the system holds about the member (her request under
// Law 91/2025/QH15); recorded as SUBJECT_ACCESS.
import { apiRoute } from '@/lib/api/route';
import { subjectAccessExport } from '@/lib/privacy/subject-access';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const { data, fileName, contentType } = await subjectAccessExport(actor, params.id, new URL(request.url).searchParams.get('format'));
  return new Response(new Uint8Array(data), {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  });
});
