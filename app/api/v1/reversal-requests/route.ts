// GET /api/v1/reversal-requests?status=PENDING|APPROVED|REJECTED|ALL&loanId= — reversal requests on loans in scope (pending by
// default), oldest first: {requests: [{id, loan: {id, number, member}, transaction: {id, kind, date, amount}, reason, status,
// requestedBy, requestedAt, decidedBy, decidedAt, decisionNote}]}.
import { apiRoute, json } from '@/lib/api/route';
import { listReversalRequests } from '@/lib/loans';

const STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'ALL'] as const;

export const GET = apiRoute(async ({ actor, request }) => {
  const query = new URL(request.url).searchParams;
  const status = STATUSES.find((s) => s === query.get('status')) ?? 'PENDING';
  return json({ requests: await listReversalRequests(actor, { status, loanId: query.get('loanId') ?? undefined }) });
});
