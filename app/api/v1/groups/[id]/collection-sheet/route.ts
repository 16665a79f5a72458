// GET /api/v1/groups/:id/collection-sheet?month=YYYY-MM — the sheet, prefilled (or as saved); without
// a month, the sheet of the group's latest meeting.
// POST the same — {rows: [{memberId, attended, loans: [{loanId, amount}], savings: [{accountId, amount}]}],
// idempotencyKey?}: every posting in one transaction; 422 naming the row on any problem.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { getCollectionSheet, saveCollectionSheet, type SaveSheetInput } from '@/lib/collections';

const monthOf = (request: Request) => new URL(request.url).searchParams.get('month') ?? '';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await getCollectionSheet(actor, params.id, monthOf(request) || undefined)),
);

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const body = (await readJson(request)) as Omit<SaveSheetInput, 'month'>;
  return json(await saveCollectionSheet(actor, params.id, { ...body, month: monthOf(request) }), 201);
});
