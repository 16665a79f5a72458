import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { disburseInTx } from './disburse-loan';
import { disburseSchema } from './schemas';

/** Batch disbursement: every approved loan of a group paid out on one date, all or none. */
export async function disburseGroup(actor: Actor, groupId: string, input: { date: string }) {
  assertCan(actor, 'loan:apply');
  const { date } = parseInput(disburseSchema, input);
  return db.$transaction(
    async (tx) => {
      const group = await findGroupInScope(actor, groupId, tx);
      const approved = await tx.loan.findMany({ where: { groupId: group.id, status: 'APPROVED' }, select: { id: true }, orderBy: { number: 'asc' } });
      if (approved.length === 0) throw new AppError('CONFLICT', 'loans.nothingToDisburse');
      const loans = [];
      for (const { id } of approved) loans.push(await disburseInTx(actor, tx, id, { date }));
      return loans;
    },
    { timeout: 60_000 },
  );
}
