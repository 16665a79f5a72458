// GET /api/v1/reorganisations — the reorganisations applied in the caller's subtree, latest first.
// POST /api/v1/reorganisations?dryRun=0|1 — {decisionNo, decisionDate, effectiveOn, rows: [{oldCode,
// newCode, newName, newParentCode?, users?: MOVE|DEACTIVATE}]} (org:reorganise). With dryRun=1: the
// preview (per successor unit: what moves to it), nothing written; else applied in one transaction (201).
// Any row problem: 422 with every problem as a field "rows.<n>.<column>".
import { apiRoute, json, readJson } from '@/lib/api/route';
import { applyReorganisation, listReorganisations, previewReorganisation, type ReorganisationInput } from '@/lib/org/reorganisation';

export const GET = apiRoute(async ({ actor }) => json({ reorganisations: await listReorganisations(actor) }));

export const POST = apiRoute(async ({ actor, request }) => {
  const input = (await readJson(request)) as ReorganisationInput;
  if (new URL(request.url).searchParams.get('dryRun') === '1') return json(await previewReorganisation(actor, input));
  return json(await applyReorganisation(actor, input), 201);
});
