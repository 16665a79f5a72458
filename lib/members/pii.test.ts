import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { db } from '@/lib/db';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { listMembers } from './index';
import { maskNationalId, maskPhone } from './pii';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let nationalId: string;
beforeAll(async () => {
  tree = await createOrgTree();
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  await db.member.update({ where: { id: member!.id }, data: { phone: '0912345678' } });
  nationalId = member!.nationalId;
});

describe('personal data in lists and exports', () => {
  it('masks the middle digits', () => {
    expect(maskNationalId('036180012345')).toBe('036*******45');
    expect(maskPhone('0912345678')).toBe('091****678');
  });

  it('shows the CCCD and phone in full to those who need them, masked to the others', async () => {
    const row = async (role: 'COMMUNE_OFFICER' | 'DISTRICT_LEADER' | 'BANK_LIAISON') => {
      const actor = await actorFor(role, role === 'COMMUNE_OFFICER' ? tree.communes[0]! : tree.districts[0]!);
      return (await listMembers(actor, {})).members[0]!;
    };
    expect(await row('COMMUNE_OFFICER')).toMatchObject({ nationalId, phone: '0912345678' });
    expect(await row('DISTRICT_LEADER')).toMatchObject({ nationalId: maskNationalId(nationalId), phone: '091****678' });
    expect(await row('BANK_LIAISON')).toMatchObject({ nationalId, phone: '091****678' });
  });

  it('masks them in register exports too, and records who exported', async () => {
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const csv = new TextDecoder().decode(await streamToBuffer((await exportRegister(leader, 'members', 'csv')).stream));
    expect(csv).toContain(maskNationalId(nationalId));
    expect(csv).not.toContain(nationalId);
    expect(await db.auditLog.count({ where: { action: 'export.members', actorId: leader.userId } })).toBe(1);
  });
});
