import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { makeGroup, nextNationalId } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { exportRegister } from '@/lib/imports/export-register';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { runImport } from '@/lib/imports/run-import';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeCsv } from '@/lib/imports/write-csv';
import { createMember } from '@/lib/members/create-member';
import { createOrgUnit } from '@/lib/org/create-org-unit';
import { updateOrgUnit } from '@/lib/org/update-org-unit';

// Issue 22 §8: names typed or imported with zero-width or direction-changing characters are stored
// clean (removed, not refused), NFC with their Vietnamese marks, and exported clean.

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let admin: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  admin = await actorFor('ADMIN', tree.province);
});

/** "Nguyễn Thị Ánh" decomposed (NFD), reversed by U+202E, with zero-width characters inside. */
const HOSTILE_NAME = '\u202ENguy\u200Be\u0302\u0303n Th\u200Di\u0323 A\u0301nh\u202C';
const CLEAN_NAME = 'Nguyễn Thị Ánh';
const UNSEEN = /[\u200B-\u200D\u2060\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

describe('invisible and direction-changing characters are removed (issue 22 §8)', () => {
  it('a member name and address through the service are stored clean, NFC', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const member = await createMember(officer, {
      orgUnitId: tree.communes[0]!.id, groupId: group.id, fullName: HOSTILE_NAME, gender: 'FEMALE', nationalId: nextNationalId(), householdCategory: 'POOR',
      address: 'Xóm\u2066 2\u2069, thôn\u200B Đông',
    });
    const stored = await db.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(stored.fullName).toBe(CLEAN_NAME);
    expect(stored.fullName).toBe(stored.fullName.normalize('NFC'));
    expect(stored.address).toBe('Xóm 2, thôn Đông');
  });

  it('a unit name, created and renamed, is stored clean', async () => {
    const unit = await createOrgUnit(admin, { code: 'SEC-U1', name: '\u202EXã\u200B Yên Khang', parentId: tree.districts[0]!.id });
    expect((await db.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe('Xã Yên Khang');
    await updateOrgUnit(admin, unit.id, { name: 'Xã Yên\u200D Khang\u2067 mới\u2069' });
    expect((await db.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).name).toBe('Xã Yên Khang mới');
  });

  it('the members import stores the name clean, and the export shows the clean name', async () => {
    const nationalId = nextNationalId(1980);
    const row = {
      communeCode: tree.communes[0]!.code, groupCode: '', code: '', fullName: HOSTILE_NAME, gender: 'Nữ', birthYear: '1980', nationalId, phone: '',
      address: '\uFEFFXóm 3\u200F', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '', status: '', leftAt: '',
    };
    const file = { fileName: 'thanh-vien.csv', data: await streamToBuffer(writeCsv(MEMBER_SPEC, [row])) };
    expect(await runImport(officer, 'members', file, { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true, created: 1 });
    const stored = await db.member.findFirstOrThrow({ where: { nationalId } });
    expect([stored.fullName, stored.address]).toEqual([CLEAN_NAME, 'Xóm 3']);

    const exported = new TextDecoder().decode(await streamToBuffer((await exportRegister(officer, 'members', 'csv')).stream));
    const line = exported.split('\n').find((l) => l.includes(nationalId))!;
    expect(line).toContain(CLEAN_NAME);
    expect(UNSEEN.test(exported.replace(/^\uFEFF/, ''))).toBe(false);
  });
});
