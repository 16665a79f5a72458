// GET /api/v1/members/:id/consents — her consents (decision 024): {memberId, current: {LENDING_SAVINGS, BANK_SHARING} (the
// latest record of each, or null), history: [{id, purpose, action, date, method, reference, recordedBy, recordedAt}] newest first}.
// POST /api/v1/members/:id/consents — {purpose: LENDING_SAVINGS|BANK_SHARING, action: GIVEN|WITHDRAWN, date, method?: PAPER_FORM|ELECTRONIC,
// reference}: records one (201); a date after today or before the purpose's latest record 422, a withdrawal of nothing 409.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { listConsents, recordConsent, type RecordConsentInput } from '@/lib/members';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await listConsents(actor, params.id)));

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await recordConsent(actor, params.id, (await readJson(request)) as RecordConsentInput), 201),
);
