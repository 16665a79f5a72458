// POST /api/v1/fees/shares {effectiveMonth: YYYY-MM, commune, district, province} (percent, sum 100) → 201
import { apiRoute, json, readJson } from '@/lib/api/route';
import { addFeeShareRule, type AddFeeShareInput } from '@/lib/fees';

export const POST = apiRoute(async ({ actor, request }) => json(await addFeeShareRule(actor, (await readJson(request)) as AddFeeShareInput), 201));
