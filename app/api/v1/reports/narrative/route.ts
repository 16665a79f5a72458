// GET /api/v1/reports/narrative?year=YYYY[&orgUnitId=] — the year-end report as Vietnamese sentences:
// {title, year, orgUnit, paragraphs, asOf} (asOf as in the summary).
import { apiRoute, json } from '@/lib/api/route';
import { yearNarrative } from '@/lib/reports/narrative';

export const GET = apiRoute(async ({ actor, request }) => {
  const query = new URL(request.url).searchParams;
  return json(await yearNarrative(actor, { year: Number(query.get('year')), orgUnitId: query.get('orgUnitId') || undefined }));
});
