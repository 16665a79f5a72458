// GET /api/v1/reports/summary?orgUnitId=&from=YYYY-MM-DD&to=YYYY-MM-DD[&programme=CODE][&fundSource=VBSP|REVOLVING|CHAPTER]
//     [&by=commune][&format=json|xlsx|csv][&sep=semicolon] — the summary of the unit's subtree (README: Reports). Amounts are
//     integers of đồng (exact in JSON up to 2^53 − 1), ratios decimals rounded to 4 places. `asOf`: null, or the instant
//     the figures are complete up to when read from a replica that is behind (decision 021).
import { queryObject } from '@/lib/api/form';
import { apiRoute, json } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { csvDelimiterOf } from '@/lib/imports/csv';
import { exportSummary, summaryReport, type SummaryInput } from '@/lib/reports';

export const GET = apiRoute(async ({ actor, request }) => {
  const { format, sep, ...query } = queryObject(Object.fromEntries(new URL(request.url).searchParams));
  const input = query as unknown as SummaryInput;
  if (format === 'xlsx' || format === 'csv') {
    const file = await exportSummary(actor, input, format, csvDelimiterOf(sep));
    return download(file.stream, file.fileName, file.contentType);
  }
  return json(await summaryReport(actor, input));
});
