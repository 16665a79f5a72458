// POST /api/v1/fund/settlements/:id/close {date} — closes the commune's fund; 409 listing what remains
// (open loans, savings balances, cash) unless everything is zero.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { closeSettlement } from '@/lib/fund';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) =>
  json(await closeSettlement(actor, params.id, (await readJson(request)) as { date: string })),
);
