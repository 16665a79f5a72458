// GET /api/v1/fund/balance?orgUnitId=&asOf=YYYY-MM-DD — the revolving fund of every commune in the subtree:
// allocated, returned, disbursed, principalRepaid, interestCollected, allowancesPaid, writtenOff, movedIn,
// movedOut, handedIn, handedOut (cash handed over by a reorganisation), outstanding, cashOnHand, status (ACTIVE|SETTLING|SETTLED); totals; communeCount.
import { queryObject } from '@/lib/api/form';
import { apiRoute, json } from '@/lib/api/route';
import type { BalanceInput } from '@/lib/fees';
import { fundBalance } from '@/lib/fund';

export const GET = apiRoute(async ({ actor, request }) =>
  json(await fundBalance(actor, queryObject(Object.fromEntries(new URL(request.url).searchParams)) as BalanceInput)),
);
