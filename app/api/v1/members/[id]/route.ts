// GET /api/v1/members/:id — one member with her commune, group, chapter and group history (CCCD and phone masked per role).
// The read is recorded (decision 025); district leaders and bank liaisons say why: ?purpose= or X-Access-Purpose.
import { apiRoute, json } from '@/lib/api/route';
import { readMember } from '@/lib/members';

export const GET = apiRoute<{ id: string }>(async ({ request, actor, params }) => {
  const purpose = new URL(request.url).searchParams.get('purpose') ?? request.headers.get('x-access-purpose') ?? undefined;
  return json(await readMember(actor, params.id, { via: 'API_RECORD', purpose }));
});
