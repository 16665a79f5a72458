// GET /api/v1/members/:id — one member with her commune, group, chapter and group history (CCCD and phone masked per role).
import { apiRoute, json } from '@/lib/api/route';
import { getMember } from '@/lib/members';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await getMember(actor, params.id)));
