import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findChapterOf } from '@/lib/org/find-org-unit';
import { findGroupInScope } from './find-group';
import { updateGroupSchema, type UpdateGroupInput } from './schemas';

/** Edits a group's details, leader (tổ trưởng) and deputy (tổ phó). */
export async function updateGroup(actor: Actor, id: string, input: UpdateGroupInput) {
  assertCan(actor, 'register:write');
  const data = parseInput(updateGroupSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findGroupInScope(actor, id, tx);
    if (before.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: before.code });
    if (data.chapterId) await findChapterOf(before.orgUnitId, data.chapterId, tx);
    for (const field of ['leaderId', 'deputyId'] as const) {
      const memberId = data[field];
      if (memberId) await assertActiveMemberOf(tx, memberId, id, field);
    }
    // The pair after the change: a given value (null clears it), otherwise the current one.
    const leaderId = data.leaderId === undefined ? before.leaderId : data.leaderId;
    const deputyId = data.deputyId === undefined ? before.deputyId : data.deputyId;
    if (leaderId && leaderId === deputyId) {
      throw new AppError('VALIDATION', 'groups.leaderIsDeputy', {}, { deputyId: { key: 'groups.leaderIsDeputy' } });
    }
    const after = await tx.group.update({ where: { id }, data });
    await writeAudit(tx, auditActorOf(actor), { action: 'group.update', entity: 'Group', entityId: id, before, after });
    return after;
  });
}

async function assertActiveMemberOf(tx: Tx, memberId: string, groupId: string, field: string) {
  const member = await tx.member.findFirst({ where: { id: memberId, groupId, status: 'ACTIVE' } });
  if (!member) throw new AppError('VALIDATION', 'groups.notAMember', {}, { [field]: { key: 'groups.notAMember' } });
}
