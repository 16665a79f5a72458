import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import type { Role } from '@/lib/db';
import { createOrgUnit, getOrgUnit, listOrgUnits } from '@/lib/org';
import { AppError } from '@/lib/errors';

useTestDatabase();

type Tree = Awaited<ReturnType<typeof createOrgTree>>;
let tree: Tree;
beforeAll(async () => {
  tree = await createOrgTree();
});

const names = (units: { name: string }[]) => units.map((u) => u.name).sort();

async function expectCode(promise: Promise<unknown>, code: AppError['code']) {
  await expect(promise).rejects.toSatisfy((e) => e instanceof AppError && e.code === code);
}

describe('scope: each role sees its own unit and what lies below, nothing else', () => {
  const cases: { role: Role; unit: (t: Tree) => Tree['province']; sees: string[] }[] = [
    { role: 'ADMIN', unit: (t) => t.province, sees: ['P', 'D1', 'D2', 'D1-C1', 'D1-C2', 'D2-C1', 'D2-C2', 'D1-C1-CH', 'D1-C2-CH', 'D2-C1-CH', 'D2-C2-CH'] },
    { role: 'PROVINCE_OFFICER', unit: (t) => t.province, sees: ['P', 'D1', 'D2', 'D1-C1', 'D1-C2', 'D2-C1', 'D2-C2', 'D1-C1-CH', 'D1-C2-CH', 'D2-C1-CH', 'D2-C2-CH'] },
    { role: 'DISTRICT_LEADER', unit: (t) => t.districts[0]!, sees: ['D1', 'D1-C1', 'D1-C2', 'D1-C1-CH', 'D1-C2-CH'] },
    { role: 'BANK_LIAISON', unit: (t) => t.districts[1]!, sees: ['D2', 'D2-C1', 'D2-C2', 'D2-C1-CH', 'D2-C2-CH'] },
    { role: 'COMMUNE_OFFICER', unit: (t) => t.communes[0]!, sees: ['D1-C1', 'D1-C1-CH'] },
  ];

  for (const { role, unit, sees } of cases) {
    it(`${role} lists exactly its subtree`, async () => {
      const actor = await actorFor(role, unit(tree));
      expect(names(await listOrgUnits(actor))).toEqual([...sees].sort());
    });

    it(`${role} gets "not found" for every unit outside its subtree`, async () => {
      const actor = await actorFor(role, unit(tree));
      const outside = tree.all.filter((u) => !sees.includes(u.name));
      for (const other of outside) await expectCode(getOrgUnit(actor, other.id), 'NOT_FOUND');
      for (const inside of tree.all.filter((u) => sees.includes(u.name))) {
        expect((await getOrgUnit(actor, inside.id)).unit.id).toBe(inside.id);
      }
    });
  }

  it('an unknown or malformed id is "not found" too', async () => {
    const actor = await actorFor('ADMIN', tree.province);
    await expectCode(getOrgUnit(actor, '00000000-0000-0000-0000-000000000000'), 'NOT_FOUND');
    await expectCode(getOrgUnit(actor, "1' OR '1'='1"), 'NOT_FOUND');
  });

  it('roles without org:manage cannot create units even inside their scope', async () => {
    for (const role of ['DISTRICT_LEADER', 'COMMUNE_OFFICER', 'BANK_LIAISON'] as const) {
      const actor = await actorFor(role, role === 'COMMUNE_OFFICER' ? tree.communes[0]! : tree.districts[0]!);
      await expectCode(createOrgUnit(actor, { code: 'X-1', name: 'X', parentId: tree.communes[0]!.id }), 'FORBIDDEN');
    }
  });

  it('a province officer cannot create under a unit of another province', async () => {
    const other = await createOrgTree();
    const actor = await actorFor('PROVINCE_OFFICER', tree.province);
    await expectCode(createOrgUnit(actor, { code: 'OTHER-1', name: 'X', parentId: other.districts[0]!.id }), 'NOT_FOUND');
  });

  it('the breadcrumb starts at the actor\'s own unit', async () => {
    const actor = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const { breadcrumb } = await getOrgUnit(actor, tree.chapters[0]!.id);
    expect(breadcrumb.map((u) => u.name)).toEqual(['D1', 'D1-C1', 'D1-C1-CH']);
  });
});
