import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { assertGroupHasRoom, findGroupInScope } from '@/lib/groups/find-group';
import { foldVietnamese } from '@/lib/imports/normalize';
import { findChapterOf } from '@/lib/org/find-org-unit';
import { findMemberInScope } from './find-member';
import { assertMemberCodeFree, assertNationalIdUsable } from './member-rules';
import { closeMembership, countOpenLoans, moveMembersBetweenGroups, openMembership } from './membership';
import { leaveMemberSchema, transferMemberSchema, updateMemberSchema, type UpdateMemberInput } from './schemas';

/** Edits a member's personal details (not her group: see transferMember). */
export async function updateMember(actor: Actor, id: string, input: UpdateMemberInput) {
  assertCan(actor, 'register:write');
  const data = parseInput(updateMemberSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findMemberInScope(actor, id, tx);
    if (before.anonymisedAt) throw new AppError('CONFLICT', 'privacy.anonymised');
    if (data.chapterId) await findChapterOf(before.orgUnitId, data.chapterId, tx);
    const nationalId = data.nationalId ?? before.nationalId;
    const facts = { birthYear: data.birthYear === undefined ? before.birthYear : data.birthYear, gender: data.gender ?? before.gender };
    await assertNationalIdUsable(tx, nationalId, facts, id);
    if (data.code) await assertMemberCodeFree(tx, before.orgUnitId, data.code, id);
    const after = await tx.member.update({
      where: { id },
      data: {
        ...data,
        ...(data.fullName ? { searchName: foldVietnamese(data.fullName) } : {}),
        activeNationalId: before.status === 'ACTIVE' ? nationalId : null,
      },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'member.update', entity: 'Member', entityId: id, before, after });
    return after;
  });
}

/** Moves an active member to another active group of the same commune. */
export async function transferMember(actor: Actor, id: string, input: { groupId: string; date: string; moveLoans?: boolean | string }) {
  assertCan(actor, 'register:write');
  const data = parseInput(transferMemberSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findMemberInScope(actor, id, tx);
    if (before.status !== 'ACTIVE') throw new AppError('CONFLICT', 'members.notActive');
    if (before.groupId === data.groupId) throw new AppError('VALIDATION', 'members.sameGroup', {}, { groupId: { key: 'members.sameGroup' } });
    const target = await assertGroupHasRoom(tx, (await findGroupInScope(actor, data.groupId, tx)).id);
    if (target.orgUnitId !== before.orgUnitId) {
      throw new AppError('VALIDATION', 'members.groupOtherCommune', {}, { groupId: { key: 'members.groupOtherCommune' } });
    }
    // Leaving a group with an open loan there needs the explicit choice to move the loan along.
    if (before.groupId && !data.moveLoans && (await countOpenLoans(tx, [id], before.groupId)) > 0) {
      throw new AppError('CONFLICT', 'members.openLoans', {}, { moveLoans: { key: 'members.openLoans' } });
    }
    if (before.groupId) await moveMembersBetweenGroups(tx, [id], before.groupId, target.id, data.date, 'TRANSFER');
    else {
      await tx.member.update({ where: { id }, data: { groupId: target.id } });
      await openMembership(tx, [id], target.id, data.date, 'JOIN');
    }
    const after = await tx.member.findUniqueOrThrow({ where: { id }, include: { group: { select: { code: true } } } });
    await writeAudit(tx, auditActorOf(actor), { action: 'member.transfer', entity: 'Member', entityId: id, before, after });
    return after;
  });
}

/** Records that a member left the programme; her CCCD becomes free for a later re-registration. */
export async function leaveMember(actor: Actor, id: string, input: { date: string }) {
  assertCan(actor, 'register:write');
  const data = parseInput(leaveMemberSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findMemberInScope(actor, id, tx);
    if (before.status !== 'ACTIVE') throw new AppError('CONFLICT', 'members.notActive');
    if ((await countOpenLoans(tx, [id])) > 0) throw new AppError('CONFLICT', 'members.openLoansLeave');
    if (before.groupId) {
      await closeMembership(tx, [id], before.groupId, data.date);
      await tx.group.updateMany({ where: { id: before.groupId, leaderId: id }, data: { leaderId: null } });
      await tx.group.updateMany({ where: { id: before.groupId, deputyId: id }, data: { deputyId: null } });
    }
    const after = await tx.member.update({ where: { id }, data: { status: 'LEFT', leftAt: data.date, activeNationalId: null, groupId: null } });
    await writeAudit(tx, auditActorOf(actor), { action: 'member.leave', entity: 'Member', entityId: id, before, after });
    return after;
  });
}
