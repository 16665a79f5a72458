import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findChapterOf, findCommuneInScope } from '@/lib/org/find-org-unit';
import { createGroupSchema, type CreateGroupInput } from './schemas';

export async function createGroup(actor: Actor, input: CreateGroupInput) {
  assertCan(actor, 'register:write');
  const data = parseInput(createGroupSchema, input);
  return db.$transaction(async (tx) => {
    const commune = await findCommuneInScope(actor, data.orgUnitId, tx);
    if (data.chapterId) await findChapterOf(commune.id, data.chapterId, tx);
    await assertGroupCodeFree(tx, commune.id, data.code);
    const group = await tx.group.create({ data: { ...data, orgUnitId: commune.id } });
    await tx.groupStatusChange.create({
      data: { groupId: group.id, status: 'ACTIVE', at: data.foundingDecisionDate ?? todayInVietnam(), reason: data.foundingDecisionNo, actorId: actor.userId },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'group.create', entity: 'Group', entityId: group.id, after: group });
    return group;
  });
}

export async function assertGroupCodeFree(tx: Tx, orgUnitId: string, code: string) {
  if (await tx.group.findUnique({ where: { orgUnitId_code: { orgUnitId, code } } })) {
    throw new AppError('CONFLICT', 'groups.codeTaken', { code }, { code: { key: 'groups.codeTaken', params: { code } } });
  }
}
