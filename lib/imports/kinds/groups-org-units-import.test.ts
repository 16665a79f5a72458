import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { exportRegister } from '../export-register';
import { runImport } from '../run-import';
import { streamToBuffer } from '../web-stream';
import { writeXlsx } from '../write-xlsx';
import { GROUP_SPEC } from './groups-kind';
import { ORG_UNIT_SPEC } from './org-units-kind';
import type { TableSpec } from '../types';
import { addMembers } from '@/tests/factories/registers';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  admin = await actorFor('ADMIN', tree.province);
});

const xlsx = async (spec: TableSpec, rows: Record<string, string>[]) => ({ fileName: 'f.xlsx', data: await streamToBuffer(writeXlsx(spec, rows)) });

describe('org-units import', () => {
  it('creates a commune and its chapter in one file (parent first), then re-imports unchanged', async () => {
    const rows = [
      { code: 'NEW-CH1', name: 'Chi hội xóm Mới', level: 'Chi hội', parentCode: 'NEW-XA', status: '' },
      { code: 'NEW-XA', name: 'Hội LHPN xã Mới', level: 'Xã/Phường', parentCode: tree.districts[0]!.code, status: '' },
    ];
    expect(await runImport(admin, 'org-units', await xlsx(ORG_UNIT_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 2 });
    const chapter = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NEW-CH1' }, include: { parent: true } });
    expect(chapter.parent?.code).toBe('NEW-XA');
    expect(chapter.path.startsWith(tree.districts[0]!.path)).toBe(true);
    expect(await runImport(admin, 'org-units', await xlsx(ORG_UNIT_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 0, unchanged: 2 });
  });

  it('refuses a wrong level under a parent and a unit moved by file', async () => {
    const rows = [
      { code: 'BAD-1', name: 'X', level: 'Chi hội', parentCode: tree.districts[0]!.code, status: '' },
      { code: tree.communes[0]!.code, name: tree.communes[0]!.name, level: 'Xã/Phường', parentCode: tree.districts[1]!.code, status: '' },
    ];
    const result = await runImport(admin, 'org-units', await xlsx(ORG_UNIT_SPEC, rows), { dryRun: false, locale: 'vi' });
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'Cấp'],
      [3, 'Mã đơn vị cấp trên'],
    ]);
    expect(await db.orgUnit.findUnique({ where: { code: 'BAD-1' } })).toBeNull();
  });

  it('a district administrator\'s export re-imports unchanged', async () => {
    const districtAdmin = await actorFor('ADMIN', tree.districts[1]!);
    const data = await streamToBuffer((await exportRegister(districtAdmin, 'org-units', 'xlsx')).stream);
    const result = await runImport(districtAdmin, 'org-units', { fileName: 'e.xlsx', data }, { dryRun: false, locale: 'vi' });
    expect(result).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 5 });
  });
});

describe('groups import', () => {
  it('creates, updates by code, and re-imports an export unchanged', async () => {
    const officer = await actorFor('COMMUNE_OFFICER', tree.communes[3]!);
    const c = tree.communes[3]!.code;
    const rows = [
      { communeCode: c, code: 'G-1', name: 'Tổ 1', programmeKind: 'Ủy thác NHCSXH', chapterCode: tree.chapters[3]!.code, meetingDay: '10', foundingDecisionNo: '1/QĐ', foundingDecisionDate: '01/02/2021', status: '' },
      { communeCode: c, code: 'g-2', name: 'Nhóm 2', programmeKind: 'quy quay vong', chapterCode: '', meetingDay: '', foundingDecisionNo: '', foundingDecisionDate: '', status: '' },
    ];
    expect(await runImport(officer, 'groups', await xlsx(GROUP_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 2 });
    expect((await db.group.findFirstOrThrow({ where: { code: 'G-2' } })).programmeKind).toBe('REVOLVING');
    rows[0] = { ...rows[0]!, name: 'Tổ 1 (đổi tên)' };
    expect(await runImport(officer, 'groups', await xlsx(GROUP_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ updated: 1, unchanged: 1 });
    // The leader and deputy by CCCD: members of the group (seed 000 counts its 74 group leaders).
    const group = await db.group.findFirstOrThrow({ where: { code: 'G-1' } });
    const [leader, deputy] = await addMembers(tree.communes[3]!, group.id, 2);
    const [outsider] = await addMembers(tree.communes[3]!, null, 1);
    const withOfficers = (l: string, d: string) => [{ ...rows[0]!, leaderNationalId: l, deputyNationalId: d }, rows[1]!];
    const wrong = await runImport(officer, 'groups', await xlsx(GROUP_SPEC, withOfficers(outsider!.nationalId, leader!.nationalId)), { dryRun: false, locale: 'vi' });
    expect(wrong.issues.map((i) => [i.row, i.column])).toEqual([[2, 'CCCD tổ trưởng']]);
    expect(await runImport(officer, 'groups', await xlsx(GROUP_SPEC, withOfficers(leader!.nationalId, deputy!.nationalId)), { dryRun: false, locale: 'vi' })).toMatchObject({ updated: 1 });
    expect(await db.group.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ leaderId: leader!.id, deputyId: deputy!.id });
    const data = await streamToBuffer((await exportRegister(officer, 'groups', 'csv')).stream);
    expect(new TextDecoder().decode(data)).toContain(leader!.nationalId);
    expect(await runImport(officer, 'groups', { fileName: 'e.csv', data }, { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
  });
});
