// POST /api/v1/breaches/:id/notices — {to: AUTHORITY|PEOPLE, date}: the day they were told (once each; audited).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { recordBreachNotice } from '@/lib/breaches';

export const POST = apiRoute<{ id: string }>(async ({ actor, request, params }) => json(await recordBreachNotice(actor, params.id, await readJson(request))));
