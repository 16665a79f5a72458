import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { ReorganisationPreview } from '@/lib/org/reorganisation';
import { actorFor, createOrgTree, createUnit } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { exportRegister } from '../export-register';
import { runImport } from '../run-import';
import type { TableSpec } from '../types';
import { streamToBuffer } from '../web-stream';
import { writeXlsx } from '../write-xlsx';
import { ORG_UNIT_SPEC } from './org-units-kind';
import { REORGANISATION_SPEC } from './reorganisation-kind';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Actor;

const xlsx = async (spec: TableSpec, rows: Record<string, string>[]) => ({ fileName: 'f.xlsx', data: await streamToBuffer(writeXlsx(spec, rows)) });
const event = { effectiveOn: '01/07/2025', decisionNo: '1656/NQ-UBTVQH15', decisionDate: '16/06/2025' };
const rowsFor = (t: typeof tree) => [
  ...t.districts.map((d) => ({ oldCode: d.code, newCode: t.province.code, newName: t.province.name, newParentCode: '', users: '', ...event })),
  ...t.communes.map((c, i) => ({ oldCode: c.code, newCode: `${t.province.code}-X${i < 3 ? 1 : 2}`, newName: i < 3 ? 'Xã Đông' : 'Xã Tây', newParentCode: '', users: i === 3 ? 'Ngừng' : 'Chuyển', ...event })),
];

beforeAll(async () => {
  const central = await createUnit('CENTRAL', null, 'Trung ương Hội');
  tree = await createOrgTree({ parent: central });
  admin = await actorFor('ADMIN', tree.province);
  const group = await makeGroup(tree.communes[0]!);
  await addMembers(tree.communes[0]!, group.id, 3);
  await actorFor('COMMUNE_OFFICER', tree.communes[3]!);
});

describe('reorganisation import', () => {
  it('names every wrong row, and changes nothing', async () => {
    const rows = rowsFor(tree).map((r, i) => (i === 2 ? { ...r, decisionNo: 'other' } : i === 4 ? { ...r, oldCode: 'NO-SUCH' } : r));
    const first = await runImport(admin, 'reorganisation', await xlsx(REORGANISATION_SPEC, rows), { dryRun: true, locale: 'vi' });
    expect(first.ok).toBe(false);
    expect(first.issues.map((i) => [i.row, i.column])).toEqual([[4, 'Số quyết định']]);
    const second = await runImport(admin, 'reorganisation', await xlsx(REORGANISATION_SPEC, rows.map((r) => ({ ...r, decisionNo: event.decisionNo }))), { dryRun: true, locale: 'vi' });
    // Row 6 names no unit, so the district of the commune it should have named is left with a commune behind.
    expect(second.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'Mã đơn vị cũ', `Đơn vị ${tree.districts[1]!.code} kết thúc nhưng đơn vị cấp dưới ${tree.communes[2]!.code} chưa có dòng: thêm dòng cho ${tree.communes[2]!.code}.`],
      [6, 'Mã đơn vị cũ', 'Không có đơn vị mã NO-SUCH trong phạm vi của bạn.'],
    ]);
    // The funds choice is the event's: one value, on one row or on all.
    const funds = rows.map((r, i) => ({ ...r, decisionNo: event.decisionNo, funds: i === 0 ? 'Giữ riêng' : i === 5 ? 'Gộp' : '' }));
    const third = await runImport(admin, 'reorganisation', await xlsx(REORGANISATION_SPEC, funds), { dryRun: true, locale: 'vi' });
    expect(third.issues.filter((i) => i.column === 'Quỹ quay vòng').map((i) => i.row)).toEqual([7]);
    expect(await db.reorganisation.count()).toBe(0);
  });

  it('previews per new unit what moves to it, then applies the whole province at once', async () => {
    const file = await xlsx(REORGANISATION_SPEC, rowsFor(tree));
    const dry = await runImport(admin, 'reorganisation', file, { dryRun: true, locale: 'vi' });
    expect(dry.ok).toBe(true);
    const preview = dry.preview as ReorganisationPreview;
    expect(preview.communes).toEqual({ ended: 4, into: 2 });
    const east = preview.successors.find((s) => s.name === 'Xã Đông')!;
    expect(east).toMatchObject({ created: true, level: 'COMMUNE', parentCode: tree.province.code, groups: 1, members: 3 });
    expect(east.from.map((f) => f.code)).toEqual(tree.communes.slice(0, 3).map((c) => c.code));
    const west = preview.successors.find((s) => s.name === 'Xã Tây')!;
    expect(west.users.map((u) => u.action)).toEqual(['DEACTIVATE']);
    expect(await db.orgUnit.count({ where: { name: 'Xã Đông' } })).toBe(0);

    const applied = await runImport(admin, 'reorganisation', file, { dryRun: false, locale: 'vi' });
    expect(applied).toMatchObject({ ok: true, created: 2, updated: 6 });
    const units = await db.orgUnit.findMany({ where: { name: { in: ['Xã Đông', 'Xã Tây'] } } });
    expect(units.map((u) => [u.parentId, u.validFrom?.toISOString().slice(0, 10)])).toEqual(units.map(() => [tree.province.id, '2025-07-01']));
    expect(await db.member.count({ where: { orgUnitId: units.find((u) => u.name === 'Xã Đông')!.id } })).toBe(3);
    expect(await db.auditLog.count({ where: { action: 'org.reorganise' } })).toBe(1);

    // The province is two-tier now: the export lists the event as it was imported.
    const exported = await streamToBuffer((await exportRegister(admin, 'reorganisation', 'xlsx')).stream);
    const again = await runImport(admin, 'reorganisation', { fileName: 'e.xlsx', data: exported }, { dryRun: true, locale: 'vi' });
    expect(again.ok).toBe(false); // the old units have ended: the same event cannot apply twice
  });

  it('creates a province under the central unit from the org-units file, its parent left empty', async () => {
    const rows = [
      { code: 'NEW-PROV', name: 'Hội LHPN tỉnh Mới', level: 'Tỉnh/Thành phố', parentCode: '', status: '' },
      { code: 'NEW-PROV-X1', name: 'Hội LHPN xã Một', level: 'Xã/Phường', parentCode: 'NEW-PROV', status: '' },
    ];
    const centralAdmin = await actorFor('ADMIN', (await db.orgUnit.findFirstOrThrow({ where: { level: 'CENTRAL' } })));
    expect(await runImport(centralAdmin, 'org-units', await xlsx(ORG_UNIT_SPEC, rows), { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 2 });
    const province = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NEW-PROV' }, include: { parent: true } });
    expect(province.parent?.level).toBe('CENTRAL');
    expect((await db.orgUnit.findUniqueOrThrow({ where: { code: 'NEW-PROV-X1' } })).parentId).toBe(province.id);
  });
});
