// POST /api/v1/follow-ups/:id/close — {note}: what was done; closing twice is 409.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { closeFollowUp } from '@/lib/inspections';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await closeFollowUp(actor, params.id, (await readJson(request)) as { note: string })),
);
