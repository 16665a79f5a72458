import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit';
import { db, type OrgLevel, type Role, type Tx } from '@/lib/db';
import { seedProgrammes } from '@/lib/programmes/seed-programmes';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { seedFundHistory } from './seed-fund';
import { HISTORY_GROUP, seedLoanHistory } from './seed-history';
import { seedRegisters } from './seed-registers';

// Demo data: one province union, 2 districts, 6 communes with 2 chapters each, and one user per
// role. Names follow the seed articles (Nam Định's revolving fund; the communes Yên Khang and
// Hoành Sơn appear there). Loaded on first start only: see lib/cli/start.ts.

export const DEFAULT_DEMO_PASSWORD = 'Demo@2026';

interface UnitSpec {
  code: string;
  name: string;
  children?: UnitSpec[];
}

const chapters = (commune: string): UnitSpec[] => [
  { code: `${commune}-CH1`, name: 'Chi hội xóm 1' },
  { code: `${commune}-CH2`, name: 'Chi hội xóm 2' },
];

export const DEMO_TREE: UnitSpec = {
  code: 'ND',
  name: 'Hội LHPN tỉnh Nam Định',
  children: [
    {
      code: 'ND-YY',
      name: 'Hội LHPN huyện Ý Yên',
      children: [
        { code: 'ND-YY-YK', name: 'Hội LHPN xã Yên Khang', children: chapters('ND-YY-YK') },
        { code: 'ND-YY-YP', name: 'Hội LHPN xã Yên Phong', children: chapters('ND-YY-YP') },
        { code: 'ND-YY-YN', name: 'Hội LHPN xã Yên Ninh', children: chapters('ND-YY-YN') },
      ],
    },
    {
      code: 'ND-GT',
      name: 'Hội LHPN huyện Giao Thủy',
      children: [
        { code: 'ND-GT-HS', name: 'Hội LHPN xã Hoành Sơn', children: chapters('ND-GT-HS') },
        { code: 'ND-GT-GT', name: 'Hội LHPN xã Giao Tiến', children: chapters('ND-GT-GT') },
        { code: 'ND-GT-GH', name: 'Hội LHPN xã Giao Hà', children: chapters('ND-GT-GH') },
      ],
    },
  ],
};

export const DEMO_USERS: { username: string; fullName: string; role: Role; unitCode: string }[] = [
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'ADMIN', unitCode: 'ND' },
  { username: 'tinh', fullName: 'Trần Thị Định', role: 'PROVINCE_OFFICER', unitCode: 'ND' },
  { username: 'huyen.yy', fullName: 'Nguyễn Thị Minh Hà', role: 'DISTRICT_LEADER', unitCode: 'ND-YY' },
  { username: 'xa.yk', fullName: 'Phạm Thị Lan', role: 'COMMUNE_OFFICER', unitCode: 'ND-YY-YK' },
  { username: 'xa.hs', fullName: 'Vũ Thị Hồng', role: 'COMMUNE_OFFICER', unitCode: 'ND-GT-HS' },
  { username: 'nhcs.yy', fullName: 'Đỗ Văn Bình', role: 'BANK_LIAISON', unitCode: 'ND-YY' },
];

/** Communes that get demo groups and members (one per district). */
const DEMO_REGISTER_COMMUNES = ['ND-YY-YK', 'ND-GT-HS'];

const LEVELS: OrgLevel[] = ['PROVINCE', 'DISTRICT', 'COMMUNE', 'CHAPTER'];

async function createTree(tx: Tx, spec: UnitSpec, parent: { id: string; path: string } | null, depth: number, codes: Map<string, string>) {
  const id = randomUUID();
  const path = `${parent?.path ?? '/'}${id}/`;
  await tx.orgUnit.create({ data: { id, code: spec.code, name: spec.name, level: LEVELS[depth]!, parentId: parent?.id ?? null, path } });
  codes.set(spec.code, id);
  for (const child of spec.children ?? []) await createTree(tx, child, { id, path }, depth + 1, codes);
}

/** True when the database has no user yet (a fresh installation). */
export async function isEmpty(): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** Loads the demo data in one transaction; returns the logins to print. */
export async function seedDemoData(password = DEFAULT_DEMO_PASSWORD) {
  const passwordHash = await hashPassword(password);
  await db.$transaction(
    async (tx) => {
      const codes = new Map<string, string>();
      await createTree(tx, DEMO_TREE, null, 0, codes);
      for (const user of DEMO_USERS) {
        await tx.user.create({
          data: { username: user.username, fullName: user.fullName, role: user.role, orgUnitId: codes.get(user.unitCode)!, passwordHash },
        });
      }
      await seedProgrammes(tx);
      await seedSavingsSchemes(tx);
      let serial = 0;
      for (const code of DEMO_REGISTER_COMMUNES) {
        const chapters = await tx.orgUnit.findMany({ where: { parentId: codes.get(code) }, orderBy: { code: 'asc' } });
        serial = await seedRegisters(tx, { id: codes.get(code)!, code }, chapters.map((c) => c.id), serial);
      }
      const yenKhang = await tx.orgUnit.findMany({ where: { parentId: codes.get('ND-YY-YK') }, orderBy: { code: 'asc' } });
      await seedRegisters(tx, { id: codes.get('ND-YY-YK')!, code: 'ND-YY-YK' }, yenKhang.map((c) => c.id).slice(1), serial, [HISTORY_GROUP]);
      await writeAudit(tx, null, { action: 'seed.demo', entity: 'Installation', after: { units: codes.size, users: DEMO_USERS.length } });
    },
    { timeout: 60_000 },
  );
  await seedLoanHistory();
  await seedFundHistory();
  return DEMO_USERS.map((u) => ({ ...u, password }));
}
