// GET /api/v1/inspections/coverage?orgUnitId=&from=YYYY-MM-DD&to=YYYY-MM-DD — planned vs done per
// level (communes, groups, households) in the unit's subtree (your unit when orgUnitId is left out).
import { apiRoute, json } from '@/lib/api/route';
import { queryObject } from '@/lib/api/form';
import { inspectionCoverage, type PeriodInput } from '@/lib/inspections';

export const GET = apiRoute(async ({ actor, request }) =>
  json(await inspectionCoverage(actor, queryObject(Object.fromEntries(new URL(request.url).searchParams)) as unknown as PeriodInput)),
);
