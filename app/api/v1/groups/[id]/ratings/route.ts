// GET  /api/v1/groups/:id/ratings — the group's yearly ratings, newest first.
// POST /api/v1/groups/:id/ratings — {year, scores: {MEETINGS, REMITTANCE, OVERDUE, BOOKS, SAVINGS}, notes?}
//      → 201 with the rating (grade from the total); the same year is replaced (audited).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { listGroupRatings, rateGroup, type RateGroupInput } from '@/lib/groups';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await listGroupRatings(actor, params.id)));

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await rateGroup(actor, params.id, (await readJson(request)) as RateGroupInput), 201),
);
