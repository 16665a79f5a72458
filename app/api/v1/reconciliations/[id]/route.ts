// GET /api/v1/reconciliations/:id — the bank's list beside the union's books at the month's end:
// {statement, hasInterest, hasSavings, totals, differenceCount, groups: [{group, totals, differences:
// [{kind: onlyInBank|onlyInApp|outstanding|interest|savings, label, bank, app, rows, memberId, loans: [{id, number}]}]}]}.
import { apiRoute, json } from '@/lib/api/route';
import { getReconciliation } from '@/lib/reconciliation';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await getReconciliation(actor, params.id)));
