// POST /api/v1/fund/allowance-rules {effectiveMonth, allowance, groupOfficers (percent), fullFromMembers,
//      reducedFromMembers, reducedPct} → 201
import { apiRoute, json, readJson } from '@/lib/api/route';
import { addAllowanceRule, type AddAllowanceRuleInput } from '@/lib/fees';

export const POST = apiRoute(async ({ actor, request }) => json(await addAllowanceRule(actor, (await readJson(request)) as AddAllowanceRuleInput), 201));
