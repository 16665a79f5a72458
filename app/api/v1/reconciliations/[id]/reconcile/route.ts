// POST /api/v1/reconciliations/:id/reconcile {note?} — marks the month reconciled (who, when); a note
// is required while differences are left. 409 once already reconciled.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { markReconciled } from '@/lib/reconciliation';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const body = (await readJson(request)) as { note?: string | null };
  return json(await markReconciled(actor, params.id, { note: typeof body?.note === 'string' ? body.note : null }));
});
