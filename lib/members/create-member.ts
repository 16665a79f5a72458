import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { assertGroupHasRoom, findGroupInScope } from '@/lib/groups/find-group';
import { foldVietnamese } from '@/lib/imports/normalize';
import { findChapterOf, findCommuneInScope } from '@/lib/org/find-org-unit';
import { assertMemberCodeFree, assertNationalIdUsable } from './member-rules';
import { openMembership } from './membership';
import { createMemberSchema, type CreateMemberInput } from './schemas';

export async function createMember(actor: Actor, input: CreateMemberInput) {
  assertCan(actor, 'register:write');
  const data = parseInput(createMemberSchema, input);
  return db.$transaction(async (tx) => {
    const commune = await findCommuneInScope(actor, data.orgUnitId, tx);
    if (data.chapterId) await findChapterOf(commune.id, data.chapterId, tx);
    if (data.groupId) {
      const group = await assertGroupHasRoom(tx, (await findGroupInScope(actor, data.groupId, tx)).id);
      if (group.orgUnitId !== commune.id) throw new AppError('VALIDATION', 'members.groupOtherCommune', {}, { groupId: { key: 'members.groupOtherCommune' } });
    }
    await assertNationalIdUsable(tx, data.nationalId, data);
    if (data.code) await assertMemberCodeFree(tx, commune.id, data.code);
    const joinedAt = data.joinedAt ?? todayInVietnam();
    const member = await tx.member.create({
      data: { ...data, joinedAt, orgUnitId: commune.id, searchName: foldVietnamese(data.fullName), activeNationalId: data.nationalId },
    });
    if (data.groupId) await openMembership(tx, [member.id], data.groupId, joinedAt, 'JOIN');
    await writeAudit(tx, auditActorOf(actor), { action: 'member.create', entity: 'Member', entityId: member.id, after: member });
    return member;
  });
}
