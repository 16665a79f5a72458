import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { savingsAccountWhere } from '@/lib/auth/business';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { assertConsents, consentsForSavings } from '@/lib/members/consent';
import { findMemberInScope } from '@/lib/members/find-member';
import { balanceOf } from './balance';
import { findAccountInScope } from './post-movement';
import { openAccountSchema, savingsReversalSchema } from './schemas';

export async function openSavingsAccount(actor: Actor, input: { memberId: string; schemeId: string; openedAt?: string }) {
  assertCan(actor, 'savings:post');
  const data = parseInput(openAccountSchema, input);
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, data.memberId, tx);
    if (member.status !== 'ACTIVE') throw new AppError('CONFLICT', 'members.notActive');
    const scheme = await tx.savingsScheme.findUnique({ where: { id: data.schemeId } });
    if (!scheme?.active) throw new AppError('VALIDATION', 'savings.schemeInactive', {}, { schemeId: { key: 'savings.schemeInactive' } });
    await assertConsents(tx, member.id, consentsForSavings(scheme.kind), 'savings');
    if (await tx.savingsAccount.findUnique({ where: { schemeId_memberId: { schemeId: scheme.id, memberId: member.id } } })) {
      throw new AppError('CONFLICT', 'savings.accountExists', {}, { schemeId: { key: 'savings.accountExists' } });
    }
    const account = await tx.savingsAccount.create({
      data: { schemeId: scheme.id, memberId: member.id, orgUnitId: member.orgUnitId, openedAt: data.openedAt ?? todayInVietnam() },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'savings.open', entity: 'SavingsAccount', entityId: account.id, after: account });
    return account;
  });
}

/** A member's accounts with their balances as of a date. */
export async function listMemberAccounts(actor: Actor, memberId: string, asOf = todayInVietnam()) {
  assertCan(actor, 'savings:read');
  const accounts = await db.savingsAccount.findMany({
    where: { memberId, ...savingsAccountWhere(actor) },
    include: { scheme: true, transactions: { orderBy: [{ date: 'asc' }, { postedAt: 'asc' }] } },
    orderBy: { openedAt: 'asc' },
  });
  return accounts.map((a) => ({ ...a, balance: balanceOf(a.transactions, asOf) }));
}

/** A correction: the movement is marked reversed; a reversal that would leave a negative balance is refused. */
export async function reverseSavingsMovement(actor: Actor, accountId: string, input: { transactionId: string; reason: string }) {
  assertCan(actor, 'savings:post');
  const data = parseInput(savingsReversalSchema, input);
  return db.$transaction(async (tx) => {
    await findAccountInScope(actor, accountId, tx, { lock: true });
    const original = await tx.savingsTransaction.findFirst({ where: { id: data.transactionId, accountId } });
    if (!original) throw new AppError('NOT_FOUND', 'errors.notFound');
    if (original.reversedAt) throw new AppError('CONFLICT', 'savings.alreadyReversed', {}, { transactionId: { key: 'savings.alreadyReversed' } });
    const reversed = await tx.savingsTransaction.update({
      where: { id: original.id },
      data: { reversedAt: new Date(), reversedById: actor.userId, reversalReason: data.reason },
    });
    // Every day's balance must stay ≥ 0 once this movement is gone.
    const remaining = (await tx.savingsTransaction.findMany({ where: { accountId, reversedAt: null }, orderBy: { date: 'asc' } }));
    for (const t of remaining) if (balanceOf(remaining, t.date) < 0n) throw new AppError('CONFLICT', 'savings.reversalNegative');
    await writeAudit(tx, auditActorOf(actor), { action: 'savings.reversal', entity: 'SavingsTransaction', entityId: original.id, before: original, after: reversed });
    return reversed;
  });
}

/** Open savings schemes, for the account-opening form. */
export async function listActiveSchemes(actor: Actor) {
  assertCan(actor, 'savings:read');
  return db.savingsScheme.findMany({ where: { active: true }, orderBy: { code: 'asc' } });
}
