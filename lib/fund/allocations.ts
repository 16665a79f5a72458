import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, idempotencyMismatch, parseInput } from '@/lib/errors';
import { allocationSchema, type AllocationInput } from '@/lib/fees/schemas';
import { formatThousands } from '@/lib/money';
import { findCommuneInScope } from '@/lib/org/find-org-unit';
import { fundsByCommune, fundStatuses } from './balance';
import { lockCommune } from './guard';

/**
 * Capital of the revolving fund given by the province to a commune's board, or returned by it (at
 * most the cash it holds). One transaction, audited; a retry with the same idempotency key returns
 * the first posting instead of posting twice (with another commune, kind, amount or day: 422).
 */
export async function postAllocation(actor: Actor, input: AllocationInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(allocationSchema, input);
  if (data.amount <= 0n) throw new AppError('VALIDATION', 'fund.amountPositive', {}, { amount: { key: 'fund.amountPositive' } });
  return db.$transaction(async (tx) => {
    if (data.idempotencyKey) {
      const earlier = await tx.fundAllocation.findUnique({ where: { idempotencyKey: data.idempotencyKey } });
      if (earlier) {
        const same = earlier.orgUnitId === data.orgUnitId && earlier.kind === data.kind && earlier.amount === data.amount
          && earlier.date.getTime() === data.date.getTime();
        if (!same) throw idempotencyMismatch(data.idempotencyKey);
        return { ...earlier, replayed: true };
      }
    }
    const commune = await findCommuneInScope(actor, data.orgUnitId, tx);
    await lockCommune(tx, commune.id);
    const status = (await fundStatuses(tx, [commune.id])).get(commune.id);
    if (data.kind === 'ALLOCATE' && status !== 'ACTIVE') throw new AppError('CONFLICT', 'fund.settling', {}, { orgUnitId: { key: 'fund.settling' } });
    if (data.kind === 'RETURN') {
      const cash = (await fundsByCommune(tx, commune.path, data.date)).get(commune.id)?.cashOnHand ?? 0n;
      if (data.amount > cash) {
        const params = { cash: formatThousands(cash) };
        throw new AppError('VALIDATION', 'fund.returnAboveCash', params, { amount: { key: 'fund.returnAboveCash', params } });
      }
    }
    const allocation = await tx.fundAllocation.create({
      data: {
        orgUnitId: commune.id, kind: data.kind, date: data.date, amount: data.amount, decisionNo: data.decisionNo, note: data.note,
        idempotencyKey: data.idempotencyKey, postedById: actor.userId,
      },
    });
    await writeAudit(tx, auditActorOf(actor), { action: `fund.${data.kind === 'ALLOCATE' ? 'allocate' : 'return'}`, entity: 'FundAllocation', entityId: allocation.id, after: allocation });
    return { ...allocation, replayed: false };
  });
}

/** Capital movements in a subtree, newest first. */
export async function listAllocations(actor: Actor) {
  assertCan(actor, 'fund:read');
  return db.fundAllocation.findMany({
    where: { orgUnit: { path: { startsWith: actor.orgUnitPath } } },
    orderBy: [{ date: 'desc' }, { postedAt: 'desc' }],
    include: { orgUnit: { select: { code: true, name: true } } },
    take: 200,
  });
}
