// POST /api/v1/reversal-requests/:id/decision — {approve: true|false, note?} (`loan:risk`, never the one who asked): approving
// reverses the posting (balances recomputed) in the same transaction; rejecting needs a note. 201 with the decided request.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { decideReversalRequest } from '@/lib/loans';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await decideReversalRequest(actor, params.id, (await readJson(request)) as { approve: unknown; note?: string }), 201),
);
