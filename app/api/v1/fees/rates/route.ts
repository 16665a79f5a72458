// GET  /api/v1/fees/rates — fee and commission rates, level shares and allowance rules.
// POST /api/v1/fees/rates {programmeId, kind: ENTRUSTMENT_FEE|GROUP_COMMISSION, basis: INTEREST_COLLECTED|OUTSTANDING_BALANCE,
//      rate: "0,04" (percent per month), effectiveMonth: YYYY-MM, note?} → 201
import { apiRoute, json, readJson } from '@/lib/api/route';
import { addFeeRate, listFeeSettings, type AddFeeRateInput } from '@/lib/fees';

export const GET = apiRoute(async ({ actor }) => json(await listFeeSettings(actor)));
export const POST = apiRoute(async ({ actor, request }) => json(await addFeeRate(actor, (await readJson(request)) as AddFeeRateInput), 201));
