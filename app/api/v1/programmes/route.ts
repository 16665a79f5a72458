// GET /api/v1/programmes?active=1 — the loan programmes (a bank liaison: the bank's only), each with its rate history (newest first).
// POST /api/v1/programmes — {code, name, fundSource: VBSP|REVOLVING|CHAPTER, interestMethod: DECLINING|FLAT, monthlyRate ("0,55"),
// rateFrom, overdueMultiplierPct, minTermMonths, maxTermMonths, minAmount, maxAmount, principalFrequency: MONTHLY|QUARTERLY|AT_MATURITY,
// graceMonths, …} (`programme:manage`): 201 with the programme.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { createProgramme } from '@/lib/programmes/manage-programmes';
import { listProgrammes } from '@/lib/programmes/list-programmes';
import type { CreateProgrammeInput } from '@/lib/programmes/schemas';

export const GET = apiRoute(async ({ actor, request }) =>
  json({ programmes: await listProgrammes(actor, { activeOnly: new URL(request.url).searchParams.get('active') === '1' }) }),
);

export const POST = apiRoute(async ({ actor, request }) => json(await createProgramme(actor, (await readJson(request)) as CreateProgrammeInput), 201));
