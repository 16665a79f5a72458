import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import { createMember, leaveMember, listMembers, memberSearchWhere, transferMember, updateMember } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});

const commune = () => tree.communes[0]!;


const base = () => ({ orgUnitId: commune().id, fullName: 'Trần Thị Bích', gender: 'FEMALE' as const, householdCategory: 'NEAR_POOR' as const });

describe('members', () => {
  it('registers a member into a group with her join in the history', async () => {
    const group = await makeGroup(commune());
    const member = await createMember(officer, { ...base(), groupId: group.id, nationalId: '036180000777', birthYear: '1980', phone: '0912345678', joinedAt: '2026-02-01', isUnionMember: 'on' });
    expect(member).toMatchObject({ searchName: 'tran thi bich', isUnionMember: true, activeNationalId: '036180000777', birthYear: 1980 });
    const history = await db.memberGroupHistory.findMany({ where: { memberId: member.id } });
    expect(history).toMatchObject([{ groupId: group.id, reason: 'JOIN', toDate: null }]);
  });

  it('validates the CCCD, naming the field, and keeps it unique among active members', async () => {
    expect(await failure(createMember(officer, { ...base(), nationalId: '12345' }))).toMatchObject({ code: 'VALIDATION', fields: ['nationalId'] });
    expect(await failure(createMember(officer, { ...base(), nationalId: '036185000123', birthYear: 1990 }))).toMatchObject({ key: 'validation.nationalId.birthYear' });
    const id = nextNationalId();
    const first = await createMember(officer, { ...base(), nationalId: id });
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    expect(await failure(createMember(other, { ...base(), orgUnitId: tree.communes[1]!.id, nationalId: id }))).toMatchObject({ code: 'CONFLICT', fields: ['nationalId'] });
    await leaveMember(officer, first.id, { date: '2026-03-01' });
    expect((await createMember(other, { ...base(), orgUnitId: tree.communes[1]!.id, nationalId: id })).nationalId).toBe(id);
  });

  it('a CCCD registered in another district is refused as "already registered", once, without naming where (issue 22 §10)', async () => {
    const id = nextNationalId();
    await createMember(officer, { ...base(), nationalId: id });
    const elsewhere = tree.communes.find((c) => !c.path.startsWith(tree.districts[0]!.path))!;
    const other = await actorFor('COMMUNE_OFFICER', elsewhere);
    const error = await createMember(other, { ...base(), orgUnitId: elsewhere.id, nationalId: id }).then(() => null, (e: unknown) => e as AppError);
    expect(error).toBeInstanceOf(AppError);
    const places = [commune().name, tree.districts[0]!.name, commune().code, tree.districts[0]!.code];
    for (const [locale, words] of [['vi', 'đã được đăng ký'], ['en', 'already registered']] as const) {
      const { message, fields } = translateError(locale, error!);
      expect(message.split(words)).toHaveLength(2);
      expect(fields.nationalId).toContain(words);
      for (const place of places) expect(message, place).not.toContain(place);
    }
  });

  it('refuses bad phone, birth year and category with a message per field, saving nothing', async () => {
    const before = await db.member.count();
    const result = await failure(createMember(officer, { ...base(), nationalId: nextNationalId(), phone: '12', birthYear: '1800', householdCategory: 'RICH' as never }));
    expect(result.fields.sort()).toEqual(['birthYear', 'householdCategory', 'phone']);
    expect(await db.member.count()).toBe(before);
  });

  it('transfers a member between groups of the same commune, and clears her leader role', async () => {
    const from = await makeGroup(commune());
    const to = await makeGroup(commune());
    const [member] = await addMembers(commune(), from.id, 1);
    await db.group.update({ where: { id: from.id }, data: { leaderId: member!.id } });
    await transferMember(officer, member!.id, { groupId: to.id, date: '2026-05-01' });
    expect((await db.member.findUniqueOrThrow({ where: { id: member!.id } })).groupId).toBe(to.id);
    expect((await db.group.findUniqueOrThrow({ where: { id: from.id } })).leaderId).toBeNull();
    const history = await db.memberGroupHistory.findMany({ where: { memberId: member!.id }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.groupId, h.reason, h.toDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      [from.id, 'JOIN', '2026-05-01'],
      [to.id, 'TRANSFER', null],
    ]);
  });

  it('refuses a transfer to another commune\'s group', async () => {
    const mine = await makeGroup(commune());
    const [member] = await addMembers(commune(), mine.id, 1);
    const theirs = await makeGroup(tree.communes[1]!);
    const admin = await actorFor('ADMIN', tree.province);
    expect(await failure(transferMember(admin, member!.id, { groupId: theirs.id, date: '2026-05-01' }))).toMatchObject({ key: 'members.groupOtherCommune' });
    expect(await failure(transferMember(officer, member!.id, { groupId: theirs.id, date: '2026-05-01' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('updates details and the folded search name', async () => {
    const [member] = await addMembers(commune(), null, 1);
    await updateMember(officer, member!.id, { fullName: 'Đặng Thị Ánh Tuyết', phone: '' });
    const after = await db.member.findUniqueOrThrow({ where: { id: member!.id } });
    expect(after).toMatchObject({ fullName: 'Đặng Thị Ánh Tuyết', searchName: 'dang thi anh tuyet', phone: null });
  });
});

describe('member search', () => {
  it('finds names without accents, by CCCD and by phone, only within scope', async () => {
    const nationalId = nextNationalId(1975);
    await createMember(officer, { ...base(), code: 'TV0777', fullName: 'Nguyễn Thị Hoà', nationalId, birthYear: 1975, phone: '0987654321' });
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    await createMember(other, { ...base(), orgUnitId: tree.communes[1]!.id, fullName: 'Nguyễn Thị Hoà Khác', nationalId: nextNationalId(1976), birthYear: 1976 });
    const byName = await listMembers(officer, { q: 'nguyen thi hoa' });
    expect(byName.members.map((m) => m.fullName)).toEqual(['Nguyễn Thị Hoà']);
    expect((await listMembers(officer, { q: 'NGUYỄN THỊ HOÀ' })).total).toBe(1);
    expect((await listMembers(officer, { q: nationalId.slice(0, 8) })).members[0]?.nationalId).toBe(nationalId);
    expect((await listMembers(officer, { q: '0987 654 321' })).members[0]?.fullName).toBe('Nguyễn Thị Hoà');
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    expect((await listMembers(leader, { q: 'nguyen thi hoa' })).total).toBe(2);
    // One word also looks up the code (a code has no spaces, so several words look up the name alone).
    expect((await listMembers(officer, { q: 'tv0777' })).members.map((m) => m.fullName)).toEqual(['Nguyễn Thị Hoà']);
    // LIKE's wildcards typed in the box are letters, not wildcards.
    expect((await listMembers(officer, { q: 'nguyen_thi' })).total).toBe(0);
    expect((await listMembers(officer, { q: 'nguyen%hoa' })).total).toBe(0);
    expect(memberSearchWhere('hoa')).toHaveProperty('OR');
    expect(memberSearchWhere('Nguyễn Thị Hoà')).toEqual({ searchName: { contains: 'nguyen thi hoa' } });
  });

  it('paginates on the server and sorts', async () => {
    const c = tree.communes[3]!;
    const officer4 = await actorFor('COMMUNE_OFFICER', c);
    await addMembers(c, null, 55);
    const page1 = await listMembers(officer4, { page: '1' });
    const page2 = await listMembers(officer4, { page: '2' });
    expect(page1.total).toBe(55);
    expect(page1.members).toHaveLength(50);
    expect(page2.members).toHaveLength(5);
    expect(new Set([...page1.members, ...page2.members].map((m) => m.id)).size).toBe(55);
  });
});
