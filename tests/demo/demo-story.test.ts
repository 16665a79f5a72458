import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadActor } from '@/lib/auth/load-actor';
import { verifyPassword } from '@/lib/auth/password';
import { orgUnitScope } from '@/lib/auth/scope';
import { setClock } from '@/lib/clock';
import { db } from '@/lib/db';
import { fundBalance } from '@/lib/fund/balance';
import { listOrgUnits } from '@/lib/org';
import { summaryReport } from '@/lib/reports';
import { yearNarrative } from '@/lib/reports/narrative';
import { feeStatement } from '@/lib/fees';
import { seedDemoData } from '@/prisma/seed';
import { demoMeetings } from '@/prisma/seed-dates';
import { useTestDatabase } from '@/tests/setup/test-database';

// The demo tells the 2025 story (README, "Demo data"): the old four-level Nam Định with its 2023–2025
// history, the reorganisation of 01/07/2025, and today's two-tier Ninh Bình under the central union.

const database = useTestDatabase();
const actor = async (username: string) => (await loadActor((await db.user.findUniqueOrThrow({ where: { username } })).id))!;
const unit = (code: string) => db.orgUnit.findUniqueOrThrow({ where: { code } });
const codes = (units: { code: string; level: string }[], level: string) => units.filter((u) => u.level === level).map((u) => u.code).sort();

describe('the demo', () => {
  beforeAll(async () => {
    await database.replace();
    setClock('2027-03-15');
    await seedDemoData('Demo@2026');
  }, 240_000);
  afterAll(() => setClock(null));

  it('shows the old structure before 01/07/2025 and the two-tier province after it', async () => {
    const central = await actor('tw.lanhdao');
    const before = await listOrgUnits(central, { asOf: new Date('2025-06-30T00:00:00Z') });
    expect(codes(before, 'PROVINCE')).toEqual(['HNA', 'NB', 'ND']);
    expect(codes(before, 'DISTRICT')).toEqual(['HNA-LN', 'NB-YM', 'ND-GT', 'ND-YY']);
    expect(codes(before, 'COMMUNE')).toHaveLength(8);
    const today = await listOrgUnits(central, { includeInactive: false });
    expect(codes(today, 'PROVINCE')).toEqual(['NB']);
    expect(codes(today, 'DISTRICT')).toEqual([]);
    expect(codes(today, 'COMMUNE')).toEqual(['NB-GHOA', 'NB-HS', 'NB-NT', 'NB-YK', 'NB-YT']);
    const province = await unit('NB');
    for (const c of today.filter((u) => u.level === 'COMMUNE')) expect(c.parentId).toBe(province.id);
    // Three old communes are in today's Yên Khang, two in Giao Hòa.
    expect((await db.orgUnit.findMany({ where: { successor: { code: 'NB-YK' } } })).map((u) => u.code).sort()).toEqual(['ND-YY-YK', 'ND-YY-YN', 'ND-YY-YP']);
  });

  it('reports 2024 in the old units, and 2025 restated into the new ones with the same money', async () => {
    const admin = await actor('admin');
    const yenPhong = await unit('ND-YY-YP');
    const year2024 = await summaryReport(admin, { orgUnitId: (await unit('ND-YY')).id, from: '2024-01-01', to: '2024-12-31', by: 'commune' });
    const row = year2024.byChild.find((c) => c.orgUnit.id === yenPhong.id)!;
    // Ten loans of 10, 15 and 20 million ₫ (i % 3) lent on 15/01/2024.
    expect(row.disbursed).toBe(145_000_000n);
    expect(year2024.disbursed.amount).toBe(145_000_000n);
    expect(year2024.restated).toBeFalsy();

    const year2025 = await summaryReport(admin, { orgUnitId: (await unit('NB')).id, from: '2025-01-01', to: '2025-12-31', by: 'commune' });
    expect(year2025.restated?.events).toEqual([expect.objectContaining({ decisionNo: '202/2025/QH15', effectiveOn: '2025-07-01', communesMerged: 8, communesInto: 5 })]);
    // Yên Phong's last instalments of January 2025 are in the province's year; nothing is lost or doubled.
    const firstHalf = await summaryReport(admin, { orgUnitId: yenPhong.id, from: '2025-01-01', to: '2025-06-30' });
    expect(firstHalf.principalRepaid.amount).toBeGreaterThan(0n);
    expect(year2025.outstanding.start.amount).toBe(year2024.outstanding.end.amount);
    expect(year2025.principalRepaid.amount).toBe(firstHalf.principalRepaid.amount);
    expect(year2025.byChild.map((c) => c.orgUnit.code)).toContain('NB-YK');
    expect(year2025.byChild.reduce((s, c) => s + c.disbursed, 0n)).toBe(year2025.disbursed.amount);
    const narrative = await yearNarrative(admin, { year: 2025 });
    expect(narrative.paragraphs.join(' ')).toContain('từ ngày 01/07/2025 8 xã/phường được sắp xếp, sáp nhập thành 5 xã/phường');
  });

  it('handed Yên Phong\'s fund cash to Yên Khang, moved the accounts and ended Yên Phong\'s officer', async () => {
    const admin = await actor('admin');
    const fund = await fundBalance(admin);
    expect(fund.communes.find((c) => c.orgUnit.code === 'ND-YY-YP')?.cashOnHand ?? 0n).toBe(0n);
    expect(await db.fundAllocation.findMany({ where: { kind: { in: ['HANDOVER_OUT', 'HANDOVER_IN'] } }, select: { kind: true, amount: true } }))
      .toEqual(expect.arrayContaining([{ kind: 'HANDOVER_OUT', amount: 40_000_000n }, { kind: 'HANDOVER_IN', amount: 40_000_000n }]));
    // The three provinces kept their revolving funds separate: Nam Định's (seed 001) is its communes' boards.
    expect(fund.funds.map((f) => f.fund)).toEqual(['Quỹ quay vòng Hội LHPN tỉnh Nam Định']);
    const namDinh = fund.funds[0]!;
    expect(namDinh.allocated - namDinh.returned + namDinh.handedIn - namDinh.handedOut).toBe(200_000_000n);
    expect(namDinh.cashOnHand).toBe(fund.totals.cashOnHand);
    expect((await db.orgUnit.findMany({ where: { revolvingFund: { not: null } }, orderBy: { code: 'asc' } })).map((u) => `${u.code}: ${u.revolvingFund}`)).toEqual([
      'NB-GHOA: Quỹ quay vòng Hội LHPN tỉnh Nam Định', 'NB-HS: Quỹ quay vòng Hội LHPN tỉnh Nam Định', 'NB-NT: Quỹ quay vòng Hội LHPN tỉnh Hà Nam',
      'NB-YK: Quỹ quay vòng Hội LHPN tỉnh Nam Định', 'NB-YT: Quỹ quay vòng Hội LHPN tỉnh Ninh Bình',
    ]);
    expect(await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'xa.yp' } })).id)).toBeNull();
    expect((await actor('huyen.yy')).orgUnitId).toBe((await unit('NB')).id);
    expect((await actor('xa.yk')).orgUnitId).toBe((await unit('NB-YK')).id);
  });

  it('lets each unit read the history of the units that ended into it, and no other', async () => {
    const inScope = async (username: string) =>
      (await db.orgUnit.findMany({ where: { level: { in: ['PROVINCE', 'DISTRICT', 'COMMUNE'] }, ...orgUnitScope(await actor(username)) } })).map((u) => u.code).sort();
    expect(await inScope('xa.hs')).toEqual(['NB-HS', 'ND-GT-HS']);
    expect(await inScope('xa.yk')).toEqual(['NB-YK', 'ND-YY-YK', 'ND-YY-YN', 'ND-YY-YP']);
    const province = await inScope('admin');
    expect(province).toEqual(expect.arrayContaining(['NB', 'ND', 'HNA', 'ND-YY', 'ND-GT-GH', 'HNA-LN-NT', 'NB-YM-YT']));
    expect(province).not.toContain('TW');
    const officer = await actor('xa.hs');
    await expect(summaryReport(officer, { orgUnitId: (await unit('ND-YY-YP')).id, from: '2024-01-01', to: '2024-12-31' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await summaryReport(officer, { orgUnitId: (await unit('ND-GT-HS')).id, from: '2024-01-01', to: '2024-12-31' })).orgUnit.code).toBe('ND-GT-HS');
  });

  it('gives the bank liaison her office\'s communes, and the fees she reads are theirs', async () => {
    const liaison = await actor('nhcs.yy');
    expect(liaison.bankOfficeName).toBe('Phòng giao dịch NHCSXH huyện Ý Yên');
    const seen = await db.orgUnit.findMany({ where: { level: 'COMMUNE', validTo: null, ...orgUnitScope(liaison) } });
    expect(seen.map((u) => u.code)).toEqual(['NB-YK']);
    const month = demoMeetings('TK-03', new Date('2027-03-15T00:00:00Z')).savedMonths[1];
    const fees = await feeStatement(liaison, { month });
    expect(fees.byCommune.map((c) => c.orgUnit.code)).toEqual(['NB-YK']);
    const province = await feeStatement(await actor('tinh'), { month });
    expect(province.byCommune.map((c) => c.orgUnit.code).sort()).toEqual(['NB-HS', 'NB-YK'].filter((code) => province.byCommune.some((c) => c.orgUnit.code === code)));
  });

  it('stores each demo user\'s password as a scrypt hash of today\'s parameters that verifies it, never as typed', async () => {
    const users = await db.user.findMany({ select: { username: true, passwordHash: true } });
    expect(users.length).toBeGreaterThan(5);
    for (const user of users) expect(user.passwordHash, user.username).toMatch(/^scrypt\$16384\$8\$5\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    // The demo's users share its one published password, so they share one hash.
    for (const hash of new Set(users.map((u) => u.passwordHash))) {
      expect(await verifyPassword('Demo@2026', hash)).toBe(true);
      expect(await verifyPassword('Demo@2025', hash)).toBe(false);
    }
    expect(JSON.stringify(await db.user.findMany())).not.toContain('Demo@2026');
  });
});
