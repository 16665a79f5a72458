// POST /api/v1/breaches/:id/close — {date}: closes a breach once the authority's notice is recorded (audited).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { closeBreach } from '@/lib/breaches';

export const POST = apiRoute<{ id: string }>(async ({ actor, request, params }) => json(await closeBreach(actor, params.id, await readJson(request))));
