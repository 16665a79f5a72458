import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findGroupInScope, lockGroups } from './find-group';
import { dissolveGroupSchema } from './schemas';

/** Dissolves an empty group (members must be transferred or leave first); history is kept. */
export async function dissolveGroup(actor: Actor, id: string, input: { date: string; reason?: string }) {
  assertCan(actor, 'register:write');
  const data = parseInput(dissolveGroupSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findGroupInScope(actor, id, tx);
    await lockGroups(tx, [before.id]);
    if (before.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: before.code });
    const members = await tx.member.count({ where: { groupId: id, status: 'ACTIVE' } });
    if (members > 0) throw new AppError('CONFLICT', 'groups.dissolveNotEmpty', { count: members });
    const after = await tx.group.update({ where: { id }, data: { status: 'DISSOLVED', leaderId: null, deputyId: null } });
    await tx.groupStatusChange.create({ data: { groupId: id, status: 'DISSOLVED', at: data.date, reason: data.reason, actorId: actor.userId } });
    await writeAudit(tx, auditActorOf(actor), { action: 'group.dissolve', entity: 'Group', entityId: id, before, after });
    return after;
  });
}
