// GET /api/v1/members?orgUnitId=&groupId=&chapterId=&householdCategory=&status=&q=&updatedSince=&sort=&dir=&page= — members in
// scope, a page at a time: {total, totalCapped, page, pageSize, members: [{id, code, fullName, gender, birthYear, nationalId, phone, address,
// householdCategory, isUnionMember, status, joinedAt, leftAt, orgUnitId, groupId, chapterId, group, orgUnit, updatedAt,
// consent: {LENDING_SAVINGS, BANK_SHARING} — GIVEN, WITHDRAWN or null}]};
// CCCD and phone masked unless the role works with them. A search (q) counts up to 1,000 matches: with more, total is
// 1000 and totalCapped true (decision 032).
import { apiRoute, json } from '@/lib/api/route';
import { listMembers } from '@/lib/members';

export const GET = apiRoute(async ({ actor, request }) => json(await listMembers(actor, Object.fromEntries(new URL(request.url).searchParams))));
