// GET /api/v1/inspections?level=&from=&to= — inspection records in scope, newest first.
// POST /api/v1/inspections — {level, kind, planId?, orgUnitId? | groupId? | memberId? (+ loanId?), date, inspectors, summary?} → 201.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { parseDateOnly } from '@/lib/calendar/date-only';
import { listInspections, recordInspection, type RecordInspectionInput } from '@/lib/inspections';

export const GET = apiRoute(async ({ actor, request }) => {
  const query = new URL(request.url).searchParams;
  const date = (name: string) => parseDateOnly(query.get(name) ?? '') ?? undefined;
  return json({ inspections: await listInspections(actor, { level: query.get('level') ?? undefined, from: date('from'), to: date('to') }) });
});

export const POST = apiRoute(async ({ actor, request }) => json(await recordInspection(actor, (await readJson(request)) as RecordInspectionInput), 201));
