// GET /api/v1/inspections/plans — plans in scope with targets and inspections.
// POST — {title, kind, periodFrom, periodTo, team, communeIds?, groupIds?, memberIds?} → 201.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { createInspectionPlan, listInspectionPlans, type CreatePlanInput } from '@/lib/inspections';

export const GET = apiRoute(async ({ actor }) => json({ plans: await listInspectionPlans(actor) }));
export const POST = apiRoute(async ({ actor, request }) => json(await createInspectionPlan(actor, (await readJson(request)) as CreatePlanInput), 201));
