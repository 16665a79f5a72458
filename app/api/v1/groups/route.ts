// GET /api/v1/groups?orgUnitId=&chapterId=&status=&programmeKind=&toConsolidate=1&q=&updatedSince=&sort=&dir=&page= — groups in
// scope, 50 a page: {total, page, pageSize, groups: [{id, code, name, programmeKind, status, meetingDay, orgUnit, chapter, leader,
// memberCount, openLoans, outstanding, toConsolidate, updatedAt, …}]}. updatedSince: ISO instant or YYYY-MM-DD (00:00 in Vietnam).
import { apiRoute, json } from '@/lib/api/route';
import { listGroups } from '@/lib/groups';

export const GET = apiRoute(async ({ actor, request }) => json(await listGroups(actor, Object.fromEntries(new URL(request.url).searchParams))));
