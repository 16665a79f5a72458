// POST /api/v1/members/:id/restriction — {reason}: she restricts the processing of her data (decision 027); until it is lifted no loan
// application, disbursement or savings account is recorded for her (422/409 naming the restriction). 201; 409 if already restricted.
// DELETE /api/v1/members/:id/restriction — lifts it (200); 409 if there is none.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { memberView } from '@/lib/members/pii';
import { liftRestriction, restrictProcessing } from '@/lib/privacy/restriction';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(memberView(actor, await restrictProcessing(actor, params.id, await readJson(request))), 201),
);

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => json(memberView(actor, await liftRestriction(actor, params.id))));
