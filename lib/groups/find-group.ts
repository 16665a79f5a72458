import type { Actor } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { GROUP_SIZE_RULES } from './size-rules';

export async function findGroupInScope(actor: Actor, id: string, tx: Tx = db) {
  const group = isUuid(id) ? await tx.group.findFirst({ where: { id, ...scopeWhere(actor) } }) : null;
  if (!group) throw notFound();
  return group;
}

/** Row locks on groups, in id order (no deadlock), so member counts cannot change under us. */
export async function lockGroups(tx: Tx, ids: string[]) {
  for (const id of [...ids].sort()) await tx.$queryRaw`SELECT 1 FROM "Group" WHERE "id" = ${id}::uuid FOR UPDATE`;
}

/** An active group able to take `adding` more members (row-locked, so parallel adds cannot overfill it). */
export async function assertGroupHasRoom(tx: Tx, groupId: string, adding = 1, field = 'groupId') {
  await lockGroups(tx, [groupId]);
  const group = await tx.group.findUniqueOrThrow({ where: { id: groupId } });
  if (group.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: group.code }, { [field]: { key: 'groups.notActive', params: { code: group.code } } });
  const count = await tx.member.count({ where: { groupId, status: 'ACTIVE' } });
  const { max } = GROUP_SIZE_RULES[group.programmeKind];
  if (count + adding > max) {
    throw new AppError('CONFLICT', 'groups.full', { code: group.code, max, count }, { [field]: { key: 'groups.full', params: { code: group.code, max, count } } });
  }
  return group;
}
