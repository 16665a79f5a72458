import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { createMember } from '@/lib/members/create-member';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { runImport } from '../run-import';
import { exportRegister } from '../export-register';
import { streamToBuffer } from '../web-stream';
import { writeCsv } from '../write-csv';
import { MEMBER_SPEC } from './members-columns';
import { membersKind } from './members-kind';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});

function row(overrides: Record<string, string> = {}) {
  return {
    communeCode: tree.communes[0]!.code,
    groupCode: '',
    code: '',
    fullName: 'Lê Thị Mai',
    gender: 'Nữ',
    birthYear: '1980',
    nationalId: nextNationalId(1980),
    phone: '0912345678',
    address: 'Xóm 2',
    householdCategory: 'Hộ nghèo',
    isUnionMember: 'Có',
    chapterCode: '',
    joinedAt: '01/03/2024',
    status: '',
    leftAt: '',
    ...overrides,
  };
}

async function csvFile(rows: Record<string, string>[]) {
  return { fileName: 'thanh-vien.csv', data: await streamToBuffer(writeCsv(MEMBER_SPEC, rows)) };
}

const importMembers = async (rows: Record<string, string>[], dryRun = false) => runImport(officer, 'members', await csvFile(rows), { dryRun, locale: 'vi' });

describe('members import', () => {
  it('is all-or-nothing: two bad rows among 200 are both reported and nothing is written', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'IMP-A');
    const rows = Array.from({ length: 200 }, (_, i) => row({ groupCode: i < 50 ? group.code : '', fullName: `Thành viên ${i}` }));
    rows[41] = { ...rows[41]!, nationalId: '123' };
    rows[150] = { ...rows[150]!, householdCategory: 'Hộ giàu' };
    const before = await db.member.count();
    const result = await importMembers(rows);
    expect(result.ok).toBe(false);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [43, 'Số CCCD'],
      [152, 'Loại hộ'],
    ]);
    expect(result.issues[1]!.message).toBe('Loại hộ không hợp lệ.');
    expect(await db.member.count()).toBe(before);
  });

  it('imports, and re-importing the same file creates nothing and changes nothing', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'IMP-B');
    const rows = Array.from({ length: 30 }, (_, i) => row({ groupCode: group.code, fullName: `Nguyễn Thị Nhập ${i}` }));
    const first = await importMembers(rows);
    expect(first).toMatchObject({ ok: true, created: 30, updated: 0, unchanged: 0 });
    expect(await db.member.count({ where: { groupId: group.id, status: 'ACTIVE' } })).toBe(30);
    expect(await db.memberGroupHistory.count({ where: { groupId: group.id } })).toBe(30);
    const auditsBefore = await db.auditLog.count({ where: { action: 'member.create' } });
    const second = await importMembers(rows);
    expect(second).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 30 });
    expect(await db.member.count({ where: { groupId: group.id } })).toBe(30);
    expect(await db.auditLog.count({ where: { action: 'member.create' } })).toBe(auditsBefore);

    rows[3] = { ...rows[3]!, phone: '0987000111' };
    expect(await importMembers(rows)).toMatchObject({ created: 0, updated: 1, unchanged: 29 });
    expect((await db.member.findFirstOrThrow({ where: { nationalId: rows[3]!.nationalId } })).phone).toBe('0987000111');
  });

  it('a dry run validates and counts without writing', async () => {
    const rows = [row(), row()];
    const before = await db.member.count();
    const result = await importMembers(rows, true);
    expect(result).toMatchObject({ ok: true, dryRun: true, created: 2 });
    expect(await db.member.count()).toBe(before);
  });

  it('refuses rows that would overfill a group, and duplicate CCCD within the file', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'IMP-FULL');
    const rows = Array.from({ length: 61 }, () => row({ groupCode: group.code }));
    const result = await importMembers(rows);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ column: 'Mã tổ' });
    const dup = row();
    const dupResult = await importMembers([dup, { ...dup, fullName: 'Người khác' }]);
    expect(dupResult.issues).toEqual([{ row: 3, column: 'Số CCCD', message: 'Trùng với dòng 2 trong tệp.' }]);
  });

  it('checks the group maximum again under the group lock: a member added by hand meanwhile makes the import refuse, writing nothing', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'IMP-RACE');
    await addMembers(tree.communes[0]!, group.id, 55);
    const rows = Array.from({ length: 5 }, (_, i) => row({ groupCode: group.code, fullName: `Trần Thị Đua ${i}` }));
    // The file fits (55 + 5 = 60) when it is validated; an officer adds the 56th by hand before it is written.
    const validate = membersKind.validate.bind(membersKind);
    const spy = vi.spyOn(membersKind, 'validate').mockImplementation(async (actor, table) => {
      const result = await validate(actor, table);
      await createMember(officer, { orgUnitId: tree.communes[0]!.id, groupId: group.id, fullName: 'Vũ Thị Chen', gender: 'FEMALE', nationalId: nextNationalId(1975), householdCategory: 'POOR' });
      return result;
    });
    try {
      await expect(importMembers(rows)).rejects.toMatchObject({ messageKey: 'groups.full', params: { code: 'IMP-RACE', max: 60, count: 56 } });
    } finally {
      spy.mockRestore();
    }
    expect(await db.member.count({ where: { groupId: group.id, status: 'ACTIVE' } })).toBe(56);
    expect(await db.member.count({ where: { fullName: { startsWith: 'Trần Thị Đua' } } })).toBe(0);
  });

  it('refuses a commune outside the officer\'s scope, naming the code', async () => {
    const result = await importMembers([row({ communeCode: tree.communes[2]!.code })]);
    expect(result.issues[0]!.message).toBe(`Không có xã/phường mã ${tree.communes[2]!.code} trong phạm vi của bạn.`);
  });

  it('an export of the register re-imports unchanged', async () => {
    const c = tree.communes[1]!;
    const other = await actorFor('COMMUNE_OFFICER', c);
    const group = await makeGroup(c, 'REVOLVING', 'EXP-1');
    const rows = Array.from({ length: 12 }, (_, i) =>
      row({ communeCode: c.code, groupCode: group.code, fullName: `Phạm Thị Xuất ${i}`, code: `TV${i}`, phone: i % 2 ? '' : '0911222333', chapterCode: tree.chapters[1]!.code }),
    );
    expect(await runImport(other, 'members', await csvFile(rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 12 });
    for (const format of ['csv', 'xlsx']) {
      const { stream } = await exportRegister(other, 'members', format);
      const data = await streamToBuffer(stream);
      const again = await runImport(other, 'members', { fileName: `export.${format}`, data }, { dryRun: false, locale: 'vi' });
      expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 12 });
    }
  });
});

describe('members who left', () => {
  it('an export holding a member who left and came back re-imports unchanged', async () => {
    const c = tree.communes[3]!;
    const other = await actorFor('COMMUNE_OFFICER', c);
    const group = await makeGroup(c, 'VBSP', 'BACK-1');
    const person = row({ communeCode: c.code, groupCode: group.code, fullName: 'Đỗ Thị Quay Lại' });
    expect(await runImport(other, 'members', await csvFile([person]), { dryRun: false, locale: 'vi' })).toMatchObject({ created: 1 });
    expect(await runImport(other, 'members', await csvFile([{ ...person, status: 'Đã rời tổ', leftAt: '01/06/2025' }]), { dryRun: false, locale: 'vi' })).toMatchObject({ updated: 1 });
    expect(await runImport(other, 'members', await csvFile([person]), { dryRun: false, locale: 'vi' })).toMatchObject({ created: 1 });
    const data = await streamToBuffer((await exportRegister(other, 'members', 'csv')).stream);
    expect(await runImport(other, 'members', { fileName: 'e.csv', data }, { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
  });
});
