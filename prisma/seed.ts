import { randomUUID } from 'node:crypto';
import { hashPassword } from '@/lib/auth/password';
import { writeAudit } from '@/lib/audit';
import { db, type OrgLevel, type Role, type Tx } from '@/lib/db';
import { seedProgrammes } from '@/lib/programmes/seed-programmes';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { seedHistoryBefore2025 } from './seed-before-2025';
import { seedFundHistory } from './seed-fund';
import { HISTORY_GROUP, seedLoanHistory } from './seed-history';
import { OLD_HISTORY_GROUP, seedReorganisation2025 } from './seed-reorganisation';
import { seedRegisters } from './seed-registers';

// Demo data: the 2025 story of a provincial union (README, "Demo data"). Under the central union,
// the old four-level Nam Định (districts Ý Yên and Giao Thủy, six communes with two chapters each),
// Hà Nam and Ninh Bình; a loan cycle of 2024 and fund capital of 2023 in the old units; then the
// reorganisation of 01/07/2025 (applied through the same service as an administrator's file): the
// three provinces are one Ninh Bình, the districts end, the communes merge. Today's work — loans,
// sheets, fees, the revolving fund — happens in the new two-tier Ninh Bình. Names follow the seed
// articles (Nam Định's revolving fund; the communes Yên Khang and Hoành Sơn); the mapping of old
// communes to new ones is ILLUSTRATIVE, not the official list. Loaded on first start only
// (lib/cli/start.ts).

export const DEFAULT_DEMO_PASSWORD = 'Demo@2026';

interface UnitSpec {
  code: string;
  name: string;
  children?: UnitSpec[];
}

/** A commune and its chapters: [code suffix, name] (chapters keep their suffix in a successor: NB-YK-PL). */
const commune = (code: string, name: string, chapters: [string, string][] = [['CH1', 'Chi hội xóm 1'], ['CH2', 'Chi hội xóm 2']]): UnitSpec => ({
  code,
  name,
  children: chapters.map(([suffix, chapter]) => ({ code: `${code}-${suffix}`, name: chapter })),
});

/** The tree before 01/07/2025: central union → province → district → commune → chapter. */
export const DEMO_TREE: UnitSpec = {
  code: 'TW',
  name: 'Trung ương Hội LHPN Việt Nam',
  children: [
    {
      code: 'ND',
      name: 'Hội LHPN tỉnh Nam Định',
      children: [
        {
          code: 'ND-YY',
          name: 'Hội LHPN huyện Ý Yên',
          children: [
            commune('ND-YY-YK', 'Hội LHPN xã Yên Khang'),
            commune('ND-YY-YP', 'Hội LHPN xã Yên Phong', [['PL', 'Chi hội thôn Phong Lộc'], ['PT', 'Chi hội thôn Phong Thái']]),
            commune('ND-YY-YN', 'Hội LHPN xã Yên Ninh', [['NX', 'Chi hội thôn Ninh Xá'], ['NH', 'Chi hội thôn Ninh Hòa']]),
          ],
        },
        {
          code: 'ND-GT',
          name: 'Hội LHPN huyện Giao Thủy',
          children: [
            commune('ND-GT-HS', 'Hội LHPN xã Hoành Sơn'),
            commune('ND-GT-GT', 'Hội LHPN xã Giao Tiến'),
            commune('ND-GT-GH', 'Hội LHPN xã Giao Hà', [['CH3', 'Chi hội xóm 3'], ['CH4', 'Chi hội xóm 4']]),
          ],
        },
      ],
    },
    {
      code: 'HNA',
      name: 'Hội LHPN tỉnh Hà Nam',
      children: [{ code: 'HNA-LN', name: 'Hội LHPN huyện Lý Nhân', children: [commune('HNA-LN-NT', 'Hội LHPN xã Nhân Thịnh')] }],
    },
    {
      code: 'NB',
      name: 'Hội LHPN tỉnh Ninh Bình',
      children: [{ code: 'NB-YM', name: 'Hội LHPN huyện Yên Mô', children: [commune('NB-YM-YT', 'Hội LHPN xã Yên Thắng')] }],
    },
  ],
};

interface DemoUser {
  username: string;
  fullName: string;
  role: Role;
  /** The unit before 01/07/2025 (the reorganisation moves or deactivates the account). */
  unitCode: string;
}

export const DEMO_USERS: DemoUser[] = [
  { username: 'tw.quantri', fullName: 'Quản trị Trung ương Hội', role: 'ADMIN', unitCode: 'TW' },
  { username: 'tw.lanhdao', fullName: 'Lê Thị Thu Hà', role: 'DISTRICT_LEADER', unitCode: 'TW' },
  { username: 'admin', fullName: 'Quản trị hệ thống', role: 'ADMIN', unitCode: 'ND' },
  { username: 'tinh', fullName: 'Trần Thị Định', role: 'PROVINCE_OFFICER', unitCode: 'ND' },
  { username: 'huyen.yy', fullName: 'Nguyễn Thị Minh Hà', role: 'DISTRICT_LEADER', unitCode: 'ND-YY' },
  { username: 'xa.yk', fullName: 'Phạm Thị Lan', role: 'COMMUNE_OFFICER', unitCode: 'ND-YY-YK' },
  { username: 'xa.yp', fullName: 'Đinh Thị Phượng', role: 'COMMUNE_OFFICER', unitCode: 'ND-YY-YP' },
  { username: 'xa.hs', fullName: 'Vũ Thị Hồng', role: 'COMMUNE_OFFICER', unitCode: 'ND-GT-HS' },
  { username: 'nhcs.yy', fullName: 'Đỗ Văn Bình', role: 'BANK_LIAISON', unitCode: 'ND' },
];

/** Communes whose groups and members the demo holds (before the merge; they move with it). */
const DEMO_REGISTER_COMMUNES = ['ND-YY-YK', 'ND-GT-HS'];

const LEVELS: OrgLevel[] = ['CENTRAL', 'PROVINCE', 'DISTRICT', 'COMMUNE', 'CHAPTER'];

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

/** Loads the demo data; returns the logins to print (the accounts still active, with their unit today). */
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
      const chaptersOf = async (code: string) => (await tx.orgUnit.findMany({ where: { parentId: codes.get(code) }, orderBy: { code: 'asc' } })).map((c) => c.id);
      let serial = 0;
      for (const code of DEMO_REGISTER_COMMUNES) serial = await seedRegisters(tx, { id: codes.get(code)!, code }, await chaptersOf(code), serial);
      serial = await seedRegisters(tx, { id: codes.get('ND-YY-YK')!, code: 'ND-YY-YK' }, (await chaptersOf('ND-YY-YK')).slice(1), serial, [HISTORY_GROUP]);
      await seedRegisters(tx, { id: codes.get('ND-YY-YP')!, code: 'ND-YY-YP' }, await chaptersOf('ND-YY-YP'), serial, [OLD_HISTORY_GROUP]);
      await writeAudit(tx, null, { action: 'seed.demo', entity: 'Installation', after: { units: codes.size, users: DEMO_USERS.length } });
    },
    { timeout: 60_000 },
  );
  await seedHistoryBefore2025();
  await seedReorganisation2025();
  await seedLoanHistory();
  await seedFundHistory();
  const users = await db.user.findMany({ where: { active: true, username: { in: DEMO_USERS.map((u) => u.username) } }, include: { orgUnit: true } });
  return DEMO_USERS.flatMap((u) => {
    const user = users.find((x) => x.username === u.username);
    return user ? [{ ...u, unitCode: user.orgUnit.code, password }] : [];
  });
}
