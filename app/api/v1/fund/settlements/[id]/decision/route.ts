// POST /api/v1/fund/settlements/:id/decision {approve: true|false, date, note?} — the province's decision.
import { apiRoute, json, readJson } from '@/lib/api/route';
import type { DecideSettlementInput } from '@/lib/fees';
import { decideSettlement } from '@/lib/fund';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await decideSettlement(actor, params.id, (await readJson(request)) as DecideSettlementInput)),
);
