import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { createMember, transferMember } from '@/lib/members';
import { createGroup, dissolveGroup, getGroup, listGroups, mergeGroups, updateGroup } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});


const commune = () => tree.communes[0]!;

describe('groups', () => {
  it('creates a group in the officer\'s commune with its founding decision, audited and in history', async () => {
    const group = await createGroup(officer, {
      orgUnitId: commune().id,
      chapterId: tree.chapters[0]!.id,
      code: 'tk-01',
      name: 'Tổ TK&VV xóm 1',
      programmeKind: 'VBSP',
      meetingDay: '15',
      foundingDecisionNo: '12/QĐ-UBND',
      foundingDecisionDate: '2020-03-01',
    });
    expect(group).toMatchObject({ code: 'TK-01', meetingDay: 15, status: 'ACTIVE' });
    const history = await db.groupStatusChange.findMany({ where: { groupId: group.id } });
    expect(history.map((h) => [h.status, h.at.toISOString().slice(0, 10)])).toEqual([['ACTIVE', '2020-03-01']]);
    expect(await db.auditLog.count({ where: { entityId: group.id, action: 'group.create' } })).toBe(1);
  });

  it('refuses a duplicate code in the same commune but allows it in another', async () => {
    await createGroup(officer, { orgUnitId: commune().id, code: 'DUP', name: 'A', programmeKind: 'VBSP' });
    expect(await failure(createGroup(officer, { orgUnitId: commune().id, code: 'dup', name: 'B', programmeKind: 'VBSP' }))).toMatchObject({
      code: 'CONFLICT',
      fields: ['code'],
    });
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    expect((await createGroup(other, { orgUnitId: tree.communes[1]!.id, code: 'DUP', name: 'C', programmeKind: 'VBSP' })).code).toBe('DUP');
  });

  it('a commune officer cannot create a group in another commune; a district leader cannot write', async () => {
    expect((await failure(createGroup(officer, { orgUnitId: tree.communes[1]!.id, code: 'X', name: 'X', programmeKind: 'VBSP' }))).code).toBe('NOT_FOUND');
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    expect((await failure(createGroup(leader, { orgUnitId: commune().id, code: 'X', name: 'X', programmeKind: 'VBSP' }))).code).toBe('FORBIDDEN');
    expect((await failure(createGroup(officer, { orgUnitId: commune().id, chapterId: tree.chapters[1]!.id, code: 'X', name: 'X', programmeKind: 'VBSP' }))).fields).toEqual(['chapterId']);
  });

  it('refuses a member beyond the maximum of 60 with a clear message', async () => {
    const group = await makeGroup(commune(), 'VBSP');
    await addMembers(commune(), group.id, 60);
    const result = await failure(
      createMember(officer, { orgUnitId: commune().id, groupId: group.id, fullName: 'Người thứ 61', gender: 'FEMALE', nationalId: nextNationalId(), householdCategory: 'POOR' }),
    );
    expect(result).toMatchObject({ code: 'CONFLICT', key: 'groups.full', fields: ['groupId'] });
    expect(await db.member.count({ where: { groupId: group.id } })).toBe(60);
  });

  it('flags revolving-fund groups under 10 members and VBSP groups under 5 as "to consolidate"', async () => {
    const small = await makeGroup(commune(), 'REVOLVING', 'QQV-SMALL');
    await addMembers(commune(), small.id, 9);
    const ok = await makeGroup(commune(), 'REVOLVING', 'QQV-OK');
    await addMembers(commune(), ok.id, 10);
    const vbsp = await makeGroup(commune(), 'VBSP', 'VBSP-7');
    await addMembers(commune(), vbsp.id, 7);
    const { groups } = await listGroups(officer, { toConsolidate: '1' });
    const codes = groups.map((g) => g.code);
    expect(codes).toContain('QQV-SMALL');
    expect(codes).not.toContain('QQV-OK');
    expect(codes).not.toContain('VBSP-7');
    expect(groups.find((g) => g.code === 'QQV-SMALL')?.memberCount).toBe(9);
  });

  it('sets a leader and deputy only from the group\'s own active members', async () => {
    const group = await makeGroup(commune());
    const [a, b] = await addMembers(commune(), group.id, 2);
    const [outsider] = await addMembers(commune(), null, 1);
    await updateGroup(officer, group.id, { leaderId: a!.id, deputyId: b!.id });
    expect((await getGroup(officer, group.id)).group.leader?.id).toBe(a!.id);
    expect((await failure(updateGroup(officer, group.id, { leaderId: outsider!.id }))).fields).toEqual(['leaderId']);
  });
});

describe('merging groups', () => {
  it('moves every active member to the survivor in one transaction and keeps the history', async () => {
    const survivor = await makeGroup(commune(), 'REVOLVING');
    const merged = await makeGroup(commune(), 'REVOLVING');
    await addMembers(commune(), survivor.id, 6);
    const moving = await addMembers(commune(), merged.id, 4);
    await updateGroup(officer, merged.id, { leaderId: moving[0]!.id });
    const result = await mergeGroups(officer, { survivorId: survivor.id, mergedId: merged.id, date: '2026-06-30', reason: 'Nhóm dưới 10 thành viên' });
    expect(result.movedMembers).toBe(4);
    expect(await db.member.count({ where: { groupId: survivor.id, status: 'ACTIVE' } })).toBe(10);
    const after = await db.group.findUniqueOrThrow({ where: { id: merged.id } });
    expect(after).toMatchObject({ status: 'MERGED', mergedIntoId: survivor.id, leaderId: null });
    const history = await db.memberGroupHistory.findMany({ where: { memberId: moving[0]!.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.groupId, h.reason, h.toDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      [merged.id, 'JOIN', '2026-06-30'],
      [survivor.id, 'MERGE', null],
    ]);
    expect(await db.auditLog.count({ where: { entityId: merged.id, action: 'group.merge' } })).toBe(1);
  });

  it('refuses groups of different communes, and a merge that would overfill the survivor, changing nothing', async () => {
    const other = await makeGroup(tree.communes[1]!);
    const mine = await makeGroup(commune());
    const admin = await actorFor('ADMIN', tree.province);
    expect((await failure(mergeGroups(admin, { survivorId: mine.id, mergedId: other.id, date: '2026-06-30' }))).key).toBe('groups.mergeOtherCommune');

    const big = await makeGroup(commune());
    await addMembers(commune(), big.id, 58);
    const three = await makeGroup(commune());
    await addMembers(commune(), three.id, 3);
    expect((await failure(mergeGroups(officer, { survivorId: big.id, mergedId: three.id, date: '2026-06-30' }))).key).toBe('groups.full');
    expect(await db.member.count({ where: { groupId: three.id } })).toBe(3);
    expect((await db.group.findUniqueOrThrow({ where: { id: three.id } })).status).toBe('ACTIVE');
  });
});

describe('dissolving', () => {
  it('dissolves only an empty group', async () => {
    const group = await makeGroup(commune());
    const [m] = await addMembers(commune(), group.id, 1);
    expect((await failure(dissolveGroup(officer, group.id, { date: '2026-07-01' }))).key).toBe('groups.dissolveNotEmpty');
    const target = await makeGroup(commune());
    await transferMember(officer, m!.id, { groupId: target.id, date: '2026-07-01' });
    expect((await dissolveGroup(officer, group.id, { date: '2026-07-01', reason: 'Hết thành viên' })).status).toBe('DISSOLVED');
  });
});

describe('review fixes', () => {
  it('leader and deputy are two people, and clearing the deputy works', async () => {
    const group = await makeGroup(commune());
    const [a, b] = await addMembers(commune(), group.id, 2);
    await updateGroup(officer, group.id, { leaderId: a!.id, deputyId: b!.id });
    expect(await failure(updateGroup(officer, group.id, { deputyId: a!.id }))).toMatchObject({ key: 'groups.leaderIsDeputy' });
    const after = await updateGroup(officer, group.id, { leaderId: b!.id, deputyId: '' });
    expect(after).toMatchObject({ leaderId: b!.id, deputyId: null });
  });

  it('invalid list filters are ignored rather than failing the page', async () => {
    const result = await listGroups(officer, { status: 'NOPE', page: 'x', sort: 'foo' });
    expect(result.page).toBe(1);
    expect(result.total).toBeGreaterThan(0);
  });
});
