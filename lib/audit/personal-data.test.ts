import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { makeGroup, nextNationalId } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { runImport } from '@/lib/imports/run-import';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeCsv } from '@/lib/imports/write-csv';
import { createMember, updateMember } from '@/lib/members';
import { PERSONAL_DATA_MARK } from './write-audit';

// Law 91/2025/QH15: a member's name, CCCD, birth year, phone, address and household category never
// reach the audit trail as values — whether the member is added by hand, changed, or imported from a
// file — so that anonymising her later leaves nothing in the append-only trail (decision 027).

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});

const auditText = async (entityId: string) => JSON.stringify(await db.auditLog.findMany({ where: { entityId }, select: { before: true, after: true } }));

describe('the audit trail and personal data', () => {
  it('records that a member was added and changed, naming which personal data changed, never its values', async () => {
    const nationalId = nextNationalId(1979);
    const member = await createMember(officer, {
      orgUnitId: tree.communes[0]!.id, fullName: 'Đinh Thị Riêng', gender: 'FEMALE', nationalId, phone: '0987654321', address: 'Thôn Đông, nhà số 7', householdCategory: 'POOR',
    });
    await updateMember(officer, member.id, { phone: '0911000222', fullName: 'Đinh Thị Riêng Tư' });
    const text = await auditText(member.id);
    for (const secret of [nationalId, '0987654321', '0911000222', 'Thôn Đông', '"POOR"', 'Đinh Thị Riêng', 'dinh thi rieng']) expect(text).not.toContain(secret);
    const [created, updated] = await db.auditLog.findMany({ where: { entityId: member.id }, orderBy: { id: 'asc' } });
    expect(created!.after).toMatchObject({ fullName: PERSONAL_DATA_MARK, nationalId: PERSONAL_DATA_MARK, phone: PERSONAL_DATA_MARK });
    expect(updated!.after).toMatchObject({ fullName: PERSONAL_DATA_MARK, personalDataChanged: ['fullName', 'phone'] });
  });

  it('keeps the values of an imported member out of the trail too', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'PII-1');
    const nationalId = nextNationalId(1981);
    const row = {
      communeCode: tree.communes[0]!.code, groupCode: group.code, code: '', fullName: 'Lò Thị Nhập', gender: 'Nữ', birthYear: '1981', nationalId, phone: '0977111333',
      address: 'Bản Mường', householdCategory: 'Hộ cận nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '01/03/2024', status: '', leftAt: '',
    };
    const file = { fileName: 'tv.csv', data: await streamToBuffer(writeCsv(MEMBER_SPEC, [row])) };
    expect((await runImport(officer, 'members', file, { dryRun: false, locale: 'vi' })).created).toBe(1);
    const member = await db.member.findFirstOrThrow({ where: { nationalId } });
    const text = await auditText(member.id);
    expect(text).toContain(member.id);
    for (const secret of [nationalId, 'Lò Thị Nhập', '1981', '0977111333', 'Bản Mường', 'NEAR_POOR']) expect(text).not.toContain(secret);
  });
});
