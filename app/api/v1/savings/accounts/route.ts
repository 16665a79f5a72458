// GET /api/v1/savings/accounts?orgUnitId=&groupId=&memberId=&scheme=&updatedSince=&page= — accounts in scope, 100 a page:
// {total, page, pageSize, accounts: [{id, openedAt, orgUnitId, scheme: {code, name, kind}, member: {id, code, fullName, groupId},
// balance}]}; updatedSince: opened or moved since (ISO instant or YYYY-MM-DD).
// POST /api/v1/savings/accounts — {memberId, schemeId, openedAt?}: opens a member's account.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { listSavingsAccounts, openSavingsAccount } from '@/lib/savings';

export const GET = apiRoute(async ({ actor, request }) => json(await listSavingsAccounts(actor, Object.fromEntries(new URL(request.url).searchParams))));

export const POST = apiRoute(async ({ actor, request }) =>
  json(await openSavingsAccount(actor, (await readJson(request)) as { memberId: string; schemeId: string }), 201),
);
