// POST /api/v1/reports/bank-portfolio {orgUnitId?, month: YYYY-MM, amount, source?} — the bank's whole
// outstanding in the unit's area for the month (same month replaces) → 201. The summary report then gives
// `bankShare` {month, bankOutstanding, unionOutstanding, ratio}.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { recordBankPortfolio, type BankFigureInput } from '@/lib/reports';

export const POST = apiRoute(async ({ actor, request }) => json(await recordBankPortfolio(actor, (await readJson(request)) as BankFigureInput), 201));
