// POST /api/v1/inspections/:id/findings — {items: [{item, passed, notes?, followUp?: {action, owner, dueDate}}],
// recallReason?} → 201 with the findings; a failed item needs its follow-up (422 naming items.N.followUp).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { addFindings, type FindingsInput } from '@/lib/inspections';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await addFindings(actor, params.id, (await readJson(request)) as FindingsInput), 201),
);
