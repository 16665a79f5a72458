import { loadActor } from '@/lib/auth/load-actor';
import { db } from '@/lib/db';
import { updateOrgUnit } from '@/lib/org';
import { applyReorganisation, type ReorganisationInput } from '@/lib/org/reorganisation';
import type { GroupSpec } from './seed-registers';

// The demo's 2025 reorganisation, applied by the central union's administrator through the same
// service as an uploaded list (README, "The 2025 reorganisation"): Nam Định and Hà Nam join Ninh
// Bình, every district ends into it, and the communes become new two-tier units — Yên Khang takes
// in Yên Phong and Yên Ninh, Giao Tiến and Giao Hà become Giao Hòa. The mapping is ILLUSTRATIVE.
// Yên Phong's officer is deactivated (her commune ended); every other account moves on. The three
// provinces' revolving funds are kept separate.

/** Yên Phong's group of the 2024 loan cycle (prisma/seed-before-2025.ts). */
export const OLD_HISTORY_GROUP: GroupSpec = { code: 'TK-01', name: 'Tổ TK&VV thôn Phong Lộc', kind: 'VBSP', members: 10, meetingDay: 15 };

const PROVINCE = { code: 'NB', name: 'Hội LHPN tỉnh Ninh Bình' };
const YEN_KHANG = { newCode: 'NB-YK', newName: 'Hội LHPN xã Yên Khang' };
const GIAO_HOA = { newCode: 'NB-GHOA', newName: 'Hội LHPN xã Giao Hòa' };

export const REORGANISATION_2025: ReorganisationInput = {
  decisionNo: '202/2025/QH15',
  decisionDate: '2025-06-12',
  effectiveOn: '2025-07-01',
  // Each old province's revolving fund goes on as its own (Nam Định's of seed 001 among them).
  funds: 'SEPARATE',
  rows: [
    ...['ND', 'HNA', 'ND-YY', 'ND-GT', 'HNA-LN', 'NB-YM'].map((oldCode) => ({ oldCode, newCode: PROVINCE.code, newName: PROVINCE.name })),
    { oldCode: 'ND-YY-YK', ...YEN_KHANG },
    { oldCode: 'ND-YY-YP', ...YEN_KHANG, users: 'DEACTIVATE' },
    { oldCode: 'ND-YY-YN', ...YEN_KHANG },
    { oldCode: 'ND-GT-HS', newCode: 'NB-HS', newName: 'Hội LHPN xã Hoành Sơn' },
    { oldCode: 'ND-GT-GT', ...GIAO_HOA },
    { oldCode: 'ND-GT-GH', ...GIAO_HOA },
    { oldCode: 'HNA-LN-NT', newCode: 'NB-NT', newName: 'Hội LHPN xã Nhân Thịnh' },
    { oldCode: 'NB-YM-YT', newCode: 'NB-YT', newName: 'Hội LHPN xã Yên Thắng' },
  ],
};

/** The province's staff each follow a cluster of communes (the leader's dashboard groups by it). */
const CLUSTERS: Record<string, string> = {
  'NB-YK': 'Cụm Nam Định cũ – chị Hà',
  'NB-HS': 'Cụm Nam Định cũ – chị Hà',
  'NB-GHOA': 'Cụm Nam Định cũ – chị Hà',
  'NB-NT': 'Cụm Hà Nam, Ninh Bình cũ – chị Định',
  'NB-YT': 'Cụm Hà Nam, Ninh Bình cũ – chị Định',
};

export async function seedReorganisation2025() {
  const actorOf = async (username: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;
  await applyReorganisation(await actorOf('tw.quantri'), REORGANISATION_2025);
  const admin = await actorOf('admin');
  for (const [code, cluster] of Object.entries(CLUSTERS)) {
    await updateOrgUnit(admin, (await db.orgUnit.findUniqueOrThrow({ where: { code } })).id, { cluster });
  }
}
