// GET  /api/v1/fund/allocations — capital moved to and from communes' boards, newest first.
// POST /api/v1/fund/allocations {orgUnitId (commune), kind: ALLOCATE|RETURN, date, amount, decisionNo?, note?,
//      idempotencyKey?} → 201; a retry with the same key answers the first posting with replayed: true.
import { apiRoute, json, readJson } from '@/lib/api/route';
import type { AllocationInput } from '@/lib/fees';
import { listAllocations, postAllocation } from '@/lib/fund';

export const GET = apiRoute(async ({ actor }) => json(await listAllocations(actor)));
export const POST = apiRoute(async ({ actor, request }) => {
  const posted = await postAllocation(actor, (await readJson(request)) as AllocationInput);
  return json(posted, posted.replayed ? 200 : 201);
});
