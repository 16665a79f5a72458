import type { Actor } from '@/lib/auth/actor';
import { groupWhere } from '@/lib/auth/business';
import { db, type Group, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { GROUP_SIZE_RULES } from './size-rules';

export async function findGroupInScope(actor: Actor, id: string, tx: Tx = db) {
  const group = isUuid(id) ? await tx.group.findFirst({ where: { id, ...groupWhere(actor) } }) : null;
  if (!group) throw notFound();
  return group;
}

/** Row locks on groups, in id order (no deadlock), so member counts cannot change under us. */
export async function lockGroups(tx: Tx, ids: string[]) {
  for (const id of [...ids].sort()) await tx.$queryRaw`SELECT 1 FROM "Group" WHERE "id" = ${id}::uuid FOR UPDATE`;
}

export interface GroupRoom {
  group: Group;
  /** Active members now. */
  count: number;
  /** Active members after the change. */
  after: number;
  max: number;
}

/**
 * The one size rule of groups (GROUP_SIZE_RULES), for a net change of active members per group
 * (+ joining, − leaving). With `lock`, the groups' rows are locked first, so counts cannot change
 * before the caller's transaction commits: forms and imports check it the same way, under the lock.
 */
export async function groupRoom(tx: Tx, change: Map<string, number>, { lock }: { lock: boolean }): Promise<GroupRoom[]> {
  const ids = [...change.keys()];
  if (ids.length === 0) return [];
  if (lock) await lockGroups(tx, ids);
  const [groups, counts] = await Promise.all([
    tx.group.findMany({ where: { id: { in: ids } } }),
    tx.member.groupBy({ by: ['groupId'], where: { groupId: { in: ids }, status: 'ACTIVE' }, _count: { _all: true } }),
  ]);
  const current = new Map(counts.map((c) => [c.groupId!, c._count._all]));
  return groups.map((group) => {
    const count = current.get(group.id) ?? 0;
    return { group, count, after: count + change.get(group.id)!, max: GROUP_SIZE_RULES[group.programmeKind].max };
  });
}

/** An active group able to take `adding` more members (row-locked, so parallel adds cannot overfill it). */
export async function assertGroupHasRoom(tx: Tx, groupId: string, adding = 1, field = 'groupId') {
  const [room] = await groupRoom(tx, new Map([[groupId, adding]]), { lock: true });
  const { group, count, after, max } = room!;
  if (group.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: group.code }, { [field]: { key: 'groups.notActive', params: { code: group.code } } });
  if (after > max) {
    throw new AppError('CONFLICT', 'groups.full', { code: group.code, max, count }, { [field]: { key: 'groups.full', params: { code: group.code, max, count } } });
  }
  return group;
}
