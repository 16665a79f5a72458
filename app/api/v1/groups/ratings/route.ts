// GET /api/v1/groups/ratings?year=YYYY[&orgUnitId=] — how many active groups of the unit's subtree were
// rated tốt / khá / trung bình / yếu that year, and how many are not rated yet.
import { apiRoute, json } from '@/lib/api/route';
import { queryObject } from '@/lib/api/form';
import { ratingDistribution, type RatingDistributionInput } from '@/lib/groups';

export const GET = apiRoute(async ({ actor, request }) =>
  json(await ratingDistribution(actor, queryObject(Object.fromEntries(new URL(request.url).searchParams)) as unknown as RatingDistributionInput)),
);
