// GET  /api/v1/fees/statements?month=YYYY-MM[&orgUnitId=][&format=xlsx&view=communes|leaders] — the month's
//      fee statement of the unit's subtree: lines per group and programme, byCommune (fee, level shares,
//      difference from the figure a recompute replaced), byGroupLeader (commission), totals, stale.
// POST /api/v1/fees/statements {month, orgUnitId?} — computes (or recomputes) the month → {created, changed}.
import { queryObject } from '@/lib/api/form';
import { apiRoute, json, readJson } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { computeFeeMonth, feeStatement, type MonthInUnitInput } from '@/lib/fees';
import { exportFeeStatement } from '@/lib/fees/export';

export const GET = apiRoute(async ({ actor, request }) => {
  const query = queryObject(Object.fromEntries(new URL(request.url).searchParams));
  const input = { month: query.month ?? '', orgUnitId: query.orgUnitId };
  if (query.format === 'xlsx') {
    const file = await exportFeeStatement(actor, input, query.view === 'leaders' ? 'leaders' : 'communes');
    return download(file.stream, file.fileName, file.contentType);
  }
  return json(await feeStatement(actor, input));
});

export const POST = apiRoute(async ({ actor, request }) => json(await computeFeeMonth(actor, (await readJson(request)) as MonthInUnitInput), 201));
