// GET /api/v1/loans?status=&programmeId=&groupId=&round=&overdue=&q=&page= — loans in scope.
// POST /api/v1/loans — {memberId, programmeId, amount, termMonths, purpose, appliedAt?}: an application.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { applyForLoan, listLoans, type ApplyForLoanInput } from '@/lib/loans';

export const GET = apiRoute(async ({ actor, request }) => json(await listLoans(actor, Object.fromEntries(new URL(request.url).searchParams))));

export const POST = apiRoute(async ({ actor, request }) => json(await applyForLoan(actor, (await readJson(request)) as ApplyForLoanInput), 201));
