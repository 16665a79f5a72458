// POST /api/v1/savings/:accountId/{deposits,withdrawals} — {date, amount, noticeDate?, idempotencyKey?, note?}
// (or the Idempotency-Key header); POST /api/v1/savings/:accountId/reversals — {transactionId, reason}.
import { apiRoute, json, readJson } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { postSavingsMovement, reverseSavingsMovement, type MovementInput } from '@/lib/savings';

const KINDS = { deposits: 'DEPOSIT', withdrawals: 'WITHDRAWAL' } as const;

export const POST = apiRoute<{ accountId: string; action: string }>(async ({ actor, params, request }) => {
  const body = { ...((await readJson(request)) as object) };
  if (params.action === 'reversals') return json(await reverseSavingsMovement(actor, params.accountId, body as { transactionId: string; reason: string }), 201);
  if (!Object.hasOwn(KINDS, params.action)) throw new AppError('NOT_FOUND', 'errors.notFound');
  const headerKey = request.headers.get('idempotency-key');
  const input = { ...(body as MovementInput), ...(headerKey ? { idempotencyKey: headerKey } : {}) };
  return json(await postSavingsMovement(actor, params.accountId, KINDS[params.action as keyof typeof KINDS], input), 201);
});
