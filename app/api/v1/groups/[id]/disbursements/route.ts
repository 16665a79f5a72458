// POST /api/v1/groups/:id/disbursements — {date}: disburses every approved loan of the group on
// that date in one transaction (all or none); answers the disbursed loans.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { disburseGroup } from '@/lib/loans';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await disburseGroup(actor, params.id, (await readJson(request)) as { date: string }), 201),
);
