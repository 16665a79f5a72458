// GET /api/v1/breaches — the personal data breach register of the administrator's subtree, newest
//     first: each breach with its deadline (detection + 72 h), `authority`: ON_TIME | LATE | DUE |
//     OVERDUE and `hoursLeft` while due.
// POST /api/v1/breaches — {title, description, detectedOn, detectedTime: "HH:mm", occurredOn?,
//     dataCategories: [IDENTITY|NATIONAL_ID|CONTACT|HOUSEHOLD|FINANCIAL|INSPECTIONS|USERS], peopleAffected,
//     measures?, orgUnitId?} → 201 (audited).
import { apiRoute, json, readJson } from '@/lib/api/route';
import { listBreaches, recordBreach } from '@/lib/breaches';

export const GET = apiRoute(async ({ actor }) => json({ breaches: await listBreaches(actor) }));
export const POST = apiRoute(async ({ actor, request }) => json(await recordBreach(actor, await readJson(request)), 201));
