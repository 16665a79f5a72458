// GET /api/v1/privacy/retention — {years, defaultYears, minYears, maxYears, dueToday}: how long members' identities are kept after
// their business ends, and how many are due for anonymisation today (administrators, audit:read).
// PATCH /api/v1/privacy/retention — {years}: sets it (administrators of the whole installation; 10–50, 422 naming `years`).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { retentionOverview, setRetentionYears } from '@/lib/privacy/retention';

export const GET = apiRoute(async ({ actor }) => json(await retentionOverview(actor)));

export const PATCH = apiRoute(async ({ actor, request }) => {
  await setRetentionYears(actor, await readJson(request));
  return json(await retentionOverview(actor));
});
