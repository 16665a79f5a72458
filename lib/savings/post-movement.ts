import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, idempotencyMismatch, notFound, parseInput } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { balanceOf, depositedInMonth } from './balance';
import { assertDepositAllowed, assertWithdrawalAllowed } from './rules';
import { movementSchema, type MovementInput } from './schemas';

/** A savings account in scope, row-locked so movements on one account run one at a time. */
export async function findAccountInScope(actor: Actor, id: string, tx: Tx = db, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  if (lock) await tx.$queryRaw`SELECT 1 FROM "SavingsAccount" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const account = await tx.savingsAccount.findFirst({ where: { id, ...scopeWhere(actor) }, include: { scheme: true, member: { select: { status: true } } } });
  if (!account) throw notFound();
  return account;
}

/**
 * A deposit (gửi) or withdrawal (rút) in one transaction: the scheme's monthly deposit limits, its
 * withdrawal rules (notice, minimum balance) hold; a balance never goes negative; one idempotency key
 * posts once (sent again with another kind, amount or day: 422 naming the key).
 */
export async function postSavingsMovement(actor: Actor, accountId: string, kind: 'DEPOSIT' | 'WITHDRAWAL', input: MovementInput) {
  assertCan(actor, 'savings:post');
  const data = parseInput(movementSchema, input);
  if (data.amount <= 0n) throw new AppError('VALIDATION', 'loans.amountPositive', {}, { amount: { key: 'loans.amountPositive' } });
  return db.$transaction((tx) => postInTx(actor, tx, accountId, kind, data));
}

/**
 * `opening`: a carried-over opening balance, outside the monthly deposit range. `historical`: an
 * imported past withdrawal, whose notice is not on file.
 */
export async function postInTx(
  actor: Actor, tx: Tx, accountId: string, kind: 'DEPOSIT' | 'WITHDRAWAL',
  data: { date: Date; amount: bigint; noticeDate?: Date; idempotencyKey?: string; note?: string },
  { opening = false, historical = false } = {},
) {
  const account = await findAccountInScope(actor, accountId, tx, { lock: true });
  const key = data.idempotencyKey ? `${accountId}:${data.idempotencyKey}` : null;
  if (key) {
    const earlier = await tx.savingsTransaction.findUnique({ where: { idempotencyKey: key } });
    if (earlier) {
      const same = earlier.kind === kind && earlier.amount === data.amount && earlier.date.getTime() === data.date.getTime();
      if (!same) throw idempotencyMismatch(data.idempotencyKey!);
      return { transaction: earlier, replayed: true };
    }
  }
  if (kind === 'DEPOSIT') assertDepositAllowed(account, await depositedInMonth(tx, accountId, data.date), data, { opening });
  else assertWithdrawalAllowed(account, balanceOf(await tx.savingsTransaction.findMany({ where: { accountId } })), data, { historical });
  const transaction = await tx.savingsTransaction.create({
    data: { accountId, kind, date: data.date, amount: data.amount, noticeDate: kind === 'WITHDRAWAL' ? data.noticeDate : null, idempotencyKey: key, note: data.note, postedById: actor.userId },
  });
  await writeAudit(tx, auditActorOf(actor), { action: `savings.${kind.toLowerCase()}`, entity: 'SavingsTransaction', entityId: transaction.id, after: transaction });
  return { transaction, replayed: false };
}
