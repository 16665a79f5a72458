// GET /api/v1/loans/:id?asOf=YYYY-MM-DD — the loan, its schedule and balances as of the date.
import { apiRoute, json } from '@/lib/api/route';
import { parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { getLoan } from '@/lib/loans';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  const asOf = parseDateOnly(new URL(request.url).searchParams.get('asOf') ?? '') ?? todayInVietnam();
  const { loan, state, schedule, bucket } = await getLoan(actor, params.id, asOf);
  const balances = state && {
    asOf: state.asOf,
    status: state.status,
    outstandingPrincipal: state.outstandingPrincipal,
    overduePrincipal: state.overduePrincipal,
    accruedInterest: state.accruedInterest,
    overdueInterest: state.overdueInterest,
    daysPastDue: state.daysPastDue,
    ageingBucket: bucket,
    instalments: state.instalments,
  };
  return json({ loan, schedule, balances });
});
