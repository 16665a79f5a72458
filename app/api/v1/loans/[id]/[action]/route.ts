// POST /api/v1/loans/:id/{appraisal,approve,reject,disburse,repayments,extensions,freeze,write-off,reversals,reversal-requests}
// (reversal-requests: {transactionId, reason}, a commune officer's request that a leader decides)
// Each body is the service's input (amounts as "1.234.567" or integers of đồng, dates YYYY-MM-DD).
// A repayment may carry `idempotencyKey` (or the Idempotency-Key header): a retry never posts twice.
import { apiRoute, json, readJson } from '@/lib/api/route';
import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import {
  appraiseLoan, approveLoan, disburseLoan, extendInstalment, freezeLoan, postRepayment, rejectLoan, requestReversal, reverseTransaction, writeOffLoan,
} from '@/lib/loans';

// Services validate their own input with zod; the body is handed over as it came.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;
const ACTIONS: Record<string, (actor: Actor, id: string, body: Body) => Promise<unknown>> = {
  appraisal: appraiseLoan,
  approve: approveLoan,
  reject: rejectLoan,
  disburse: disburseLoan,
  repayments: postRepayment,
  extensions: extendInstalment,
  freeze: freezeLoan,
  'write-off': writeOffLoan,
  reversals: reverseTransaction,
  'reversal-requests': requestReversal,
};

export const POST = apiRoute<{ id: string; action: string }>(async ({ actor, params, request }) => {
  if (!Object.hasOwn(ACTIONS, params.action)) throw new AppError('NOT_FOUND', 'errors.notFound');
  const run = ACTIONS[params.action]!;
  const body = { ...((await readJson(request)) as object) };
  const headerKey = request.headers.get('idempotency-key');
  if (headerKey && params.action === 'repayments') Object.assign(body, { idempotencyKey: headerKey });
  return json(await run(actor, params.id, body), 201);
});
