import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { moveMembersBetweenGroups } from '@/lib/members/membership';
import { assertGroupHasRoom, findGroupInScope, lockGroups } from './find-group';
import { mergeGroupsSchema } from './schemas';

/**
 * Merges one group into another of the same commune, in one transaction: its active members move
 * to the survivor (their membership history records the merge); the merged group keeps its
 * history, becomes MERGED and points at the survivor.
 */
export async function mergeGroups(actor: Actor, input: { survivorId: string; mergedId: string; date: string; reason?: string }) {
  assertCan(actor, 'register:write');
  const data = parseInput(mergeGroupsSchema, input);
  if (data.survivorId === data.mergedId) {
    throw new AppError('VALIDATION', 'groups.mergeSame', {}, { mergedId: { key: 'groups.mergeSame' } });
  }
  return db.$transaction(async (tx) => {
    const survivor = await findGroupInScope(actor, data.survivorId, tx);
    const merged = await findGroupInScope(actor, data.mergedId, tx);
    await lockGroups(tx, [survivor.id, merged.id]);
    if (survivor.orgUnitId !== merged.orgUnitId) {
      throw new AppError('VALIDATION', 'groups.mergeOtherCommune', {}, { mergedId: { key: 'groups.mergeOtherCommune' } });
    }
    if (merged.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: merged.code }, { mergedId: { key: 'groups.notActive', params: { code: merged.code } } });
    const memberIds = (await tx.member.findMany({ where: { groupId: merged.id, status: 'ACTIVE' }, select: { id: true } })).map((m) => m.id);
    await assertGroupHasRoom(tx, survivor.id, memberIds.length, 'survivorId');
    await moveMembersBetweenGroups(tx, memberIds, merged.id, survivor.id, data.date, 'MERGE');
    const after = await tx.group.update({
      where: { id: merged.id },
      data: { status: 'MERGED', mergedIntoId: survivor.id, leaderId: null, deputyId: null },
    });
    await tx.groupStatusChange.create({ data: { groupId: merged.id, status: 'MERGED', at: data.date, reason: data.reason, actorId: actor.userId } });
    await writeAudit(tx, auditActorOf(actor), {
      action: 'group.merge',
      entity: 'Group',
      entityId: merged.id,
      before: merged,
      after: { ...after, survivorCode: survivor.code, movedMembers: memberIds.length },
    });
    return { survivor, merged: after, movedMembers: memberIds.length };
  });
}
