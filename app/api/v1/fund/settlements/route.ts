// GET  /api/v1/fund/settlements — settlement requests in scope, open ones first.
// POST /api/v1/fund/settlements {orgUnitId (commune), requestDate, reason, documentRef} → 201
import { apiRoute, json, readJson } from '@/lib/api/route';
import type { RequestSettlementInput } from '@/lib/fees';
import { listSettlements, requestSettlement } from '@/lib/fund';

export const GET = apiRoute(async ({ actor }) => json(await listSettlements(actor)));
export const POST = apiRoute(async ({ actor, request }) => json(await requestSettlement(actor, (await readJson(request)) as RequestSettlementInput), 201));
