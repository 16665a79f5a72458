// POST /api/v1/savings/accounts — {memberId, schemeId, openedAt?}: opens a member's account.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { openSavingsAccount } from '@/lib/savings';

export const POST = apiRoute(async ({ actor, request }) =>
  json(await openSavingsAccount(actor, (await readJson(request)) as { memberId: string; schemeId: string }), 201),
);
