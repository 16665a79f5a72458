// POST /api/v1/fund/settlements/:id/transfers {memberId, groupId, date} — moves a member of the settling
// commune, with her open loans and savings accounts, to a group of another commune → 201.
import { apiRoute, json, readJson } from '@/lib/api/route';
import type { SettlementTransferInput } from '@/lib/fees';
import { transferForSettlement } from '@/lib/fund';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await transferForSettlement(actor, params.id, (await readJson(request)) as SettlementTransferInput), 201),
);
