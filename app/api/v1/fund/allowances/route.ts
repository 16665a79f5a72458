// GET /api/v1/fund/allowances?fromMonth=YYYY-MM&toMonth=YYYY-MM[&orgUnitId=][&format=xlsx] — the revolving
// fund's allowance statement: byGroup and byCommune {interest, allowances, unionOfficers, groupOfficers,
// withheld, retained}, totals (unionOfficers + groupOfficers + retained = interest).
import { queryObject } from '@/lib/api/form';
import { apiRoute, json } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import type { PeriodInUnitInput } from '@/lib/fees';
import { allowanceStatement } from '@/lib/fund';
import { exportAllowanceStatement } from '@/lib/fund/export';

export const GET = apiRoute(async ({ actor, request }) => {
  const { format, ...query } = queryObject(Object.fromEntries(new URL(request.url).searchParams));
  const input = query as unknown as PeriodInUnitInput;
  if (format === 'xlsx') {
    const file = await exportAllowanceStatement(actor, input);
    return download(file.stream, file.fileName, file.contentType);
  }
  return json(await allowanceStatement(actor, input));
});
