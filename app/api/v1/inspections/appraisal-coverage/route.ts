// GET /api/v1/inspections/appraisal-coverage?orgUnitId=&from=&to= — loans disbursed in the period
// appraised before disbursement: total, round 2+, by commune, and the exceptions.
import { apiRoute, json } from '@/lib/api/route';
import { queryObject } from '@/lib/api/form';
import { appraisalCoverage, type PeriodInput } from '@/lib/inspections';

export const GET = apiRoute(async ({ actor, request }) =>
  json(await appraisalCoverage(actor, queryObject(Object.fromEntries(new URL(request.url).searchParams)) as unknown as PeriodInput)),
);
