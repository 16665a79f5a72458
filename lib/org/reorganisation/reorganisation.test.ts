import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { setClock } from '@/lib/clock';
import { db, type OrgUnit, type Programme } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { addFeeShareRule } from '@/lib/fees';
import { fundBalance } from '@/lib/fund';
import { postRepayment } from '@/lib/loans';
import { summaryReport, summaryRows, type SummaryReport } from '@/lib/reports';
import { yearNarrative } from '@/lib/reports/narrative';
import { unitDashboard } from '@/lib/reports/dashboard';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree, createUnit } from '@/tests/factories/org';
import { createUser as createAccount } from '@/lib/users/create-user';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { applyReorganisation, previewReorganisation, type ReorganisationInput } from './index';

useTestDatabase();

// Two provinces of the old four-level structure (P1, P2: two districts of two communes each) under
// the central union live through the first half of 2026; on 01/07/2026 P1 merges into P2, the
// districts end and the eight communes become four. Every commune has a group, borrowers, loans
// lent and repaid before the event and (entered in the old structure before the event was
// applied, as officers do) after it, savings and revolving-fund cash.
const TODAY = '2026-12-31';
const EFFECTIVE = '2026-07-01';
const BEFORE = { from: '2026-01-01', to: '2026-06-30' };
const YEAR = { from: '2026-01-01', to: TODAY };

let central: OrgUnit;
let p1: Awaited<ReturnType<typeof createOrgTree>>;
let p2: Awaited<ReturnType<typeof createOrgTree>>;
let admin: Actor;
let reader: Actor;
let programmes: Record<string, Programme>;
let communes: OrgUnit[];
const officerIds: string[] = [];

/** The report as bytes: what the page, the API and the exports are built from. */
const bytes = (report: SummaryReport) => JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
const report = (unit: OrgUnit, period: { from: string; to: string }, by?: 'commune') => summaryReport(reader, { orgUnitId: unit.id, ...period, by });
/** Every figure of a report that is not about which units exist. */
const figures = (r: SummaryReport) => ({
  disbursed: r.disbursed, principalRepaid: r.principalRepaid, interestCollected: r.interestCollected, outstanding: r.outstanding,
  overdue: r.overdue, savings: r.savings, groups: r.groups, byProgramme: r.byProgramme,
});

function event(overrides: Partial<ReorganisationInput> = {}): ReorganisationInput {
  const [c1, c2, c3, c4, c5, c6, c7, c8] = communes.map((c) => c.code);
  const x = (n: number) => `X${n}-${p2.province.code}`.slice(0, 30);
  return {
    decisionNo: '1234/NQ-UBTVQH15',
    decisionDate: '2026-06-12',
    effectiveOn: EFFECTIVE,
    rows: [
      { oldCode: p1.province.code, newCode: p2.province.code, newName: p2.province.name },
      ...[...p1.districts, ...p2.districts].map((d) => ({ oldCode: d.code, newCode: p2.province.code, newName: p2.province.name })),
      { oldCode: c1!, newCode: x(1), newName: 'Xã Hợp Nhất Một' },
      { oldCode: c2!, newCode: x(1), newName: 'Xã Hợp Nhất Một' },
      { oldCode: c3!, newCode: x(2), newName: 'Xã Hợp Nhất Hai' },
      { oldCode: c4!, newCode: x(2), newName: 'Xã Hợp Nhất Hai' },
      { oldCode: c5!, newCode: x(3), newName: 'Phường Hợp Nhất Ba' },
      { oldCode: c6!, newCode: x(3), newName: 'Phường Hợp Nhất Ba' },
      { oldCode: c7!, newCode: x(4), newName: 'Xã Hợp Nhất Bốn', users: 'DEACTIVATE' },
      { oldCode: c8!, newCode: x(4), newName: 'Xã Hợp Nhất Bốn' },
    ],
    ...overrides,
  };
}

beforeAll(async () => {
  setClock(TODAY);
  central = await createUnit('CENTRAL', null, 'Trung ương Hội');
  p1 = await createOrgTree({ parent: central, prefix: 'A' });
  p2 = await createOrgTree({ parent: central, prefix: 'B' });
  communes = [...p1.communes, ...p2.communes];
  programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  admin = await actorFor('ADMIN', central);
  reader = await actorFor('DISTRICT_LEADER', central);
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  for (const [i, commune] of communes.entries()) {
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    officerIds.push(officer.userId);
    const district = [...p1.districts, ...p2.districts].find((d) => d.id === commune.parentId)!;
    const leader = await actorFor('DISTRICT_LEADER', district);
    // Two merged communes each have a group "TK-01": the second keeps it under its old commune's code.
    const group = await makeGroup(commune, i % 2 ? 'REVOLVING' : 'VBSP', i < 2 ? 'TK-01' : undefined);
    const [first, second] = await addMembers(commune, group.id, 2);
    const programme = i % 2 ? programmes.QQV! : programmes.HN!;
    const early = await disbursedLoanOn(officer, leader, first!, programme, `${3 + i}.000.000`, '2026-02-10');
    await postRepayment(officer, early.id, { date: '2026-05-10', amount: '1.000.000' });
    await postRepayment(officer, early.id, { date: '2026-09-10', amount: '800.000' });
    if (i % 3 === 0) await disbursedLoanOn(officer, leader, second!, programme, '3.000.000', '2026-08-15');
    const account = await openSavingsAccount(officer, { memberId: first!.id, schemeId: scheme.id, openedAt: '2026-02-10' });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-03-05', amount: `${300 + i * 10}.000` });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-09-05', amount: '300.000' });
    if (i % 2) await db.fundAllocation.create({ data: { orgUnitId: commune.id, kind: 'ALLOCATE', date: new Date('2026-01-15T00:00:00Z'), amount: 20_000_000n } });
  }
});

afterAll(() => setClock(null));

describe('a reorganisation', () => {
  it('refuses a file with mistakes, naming each row, and changes nothing', async () => {
    const rows = event().rows.filter((r) => r.oldCode !== communes[3]!.code);
    rows.push({ oldCode: 'NO-SUCH', newCode: 'X9', newName: 'X' });
    rows[rows.findIndex((r) => r.oldCode === communes[1]!.code)] = { oldCode: communes[1]!.code, newCode: `X1-${p2.province.code}`.slice(0, 30), newName: 'Tên Khác' };
    const error = await previewReorganisation(admin, event({ rows })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).messageKey).toBe('reorg.invalidRows');
    const messages = Object.entries((error as AppError).fields).map(([field, m]) => `${field}:${m.key}`);
    expect(messages).toEqual(expect.arrayContaining([
      `rows.${rows.length + 1}.oldCode:reorg.unknownUnit`,
      expect.stringMatching(/^rows\.\d+\.newName:reorg\.nameDiffers$/),
      expect.stringMatching(/^rows\.\d+\.oldCode:reorg\.childNotMapped$/),
    ]));
    expect(await db.reorganisation.count()).toBe(0);
    expect(await db.orgUnit.count({ where: { validTo: { not: null } } })).toBe(0);
  });

  it('leaves nothing moved when it fails half-way', async () => {
    // Savings accounts move after the groups, members and loans of the first commune: fail there.
    await db.$executeRawUnsafe(`CREATE FUNCTION test_fail_move() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW."kind" = 'SAVINGS_ACCOUNT' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$`);
    await db.$executeRawUnsafe(`CREATE TRIGGER test_fail_move BEFORE INSERT ON "RecordMove" FOR EACH ROW EXECUTE FUNCTION test_fail_move()`);
    try {
      await expect(applyReorganisation(admin, event())).rejects.toThrow();
    } finally {
      await db.$executeRawUnsafe('DROP TRIGGER test_fail_move ON "RecordMove"');
      await db.$executeRawUnsafe('DROP FUNCTION test_fail_move()');
    }
    expect(await db.reorganisation.count()).toBe(0);
    expect(await db.loanMove.count()).toBe(0);
    expect(await db.recordMove.count()).toBe(0);
    expect(await db.group.count({ where: { orgUnitId: { in: communes.map((c) => c.id) } } })).toBe(8);
    expect(await db.orgUnit.count({ where: { OR: [{ validTo: { not: null } }, { validFrom: { not: null } }] } })).toBe(0);
  });

  it('moves what the preview said, keeps every report before it byte for byte, and restates the year in the new units', async () => {
    const units = [central, p1.province, p2.province, ...p1.districts, ...p2.districts, ...communes];
    const before = new Map<string, string>();
    for (const unit of units) {
      before.set(unit.id, bytes(await report(unit, BEFORE)));
      if (unit.level !== 'COMMUNE') before.set(`${unit.id}:commune`, bytes(await report(unit, BEFORE, 'commune')));
    }
    const yearBefore = { all: await report(central, YEAR), p1: await report(p1.province, YEAR), p2: await report(p2.province, YEAR) };
    const fundBefore = await fundBalance(admin, { orgUnitId: central.id });
    const pending = await previewReorganisation(admin, event());
    expect(pending.communes).toEqual({ ended: 8, into: 4 });
    // Chosen in the event: the merged provinces' revolving funds as one (default), or each kept separate.
    expect(pending.separateFunds).toEqual([]);
    const separate = await previewReorganisation(admin, event({ funds: 'SEPARATE' }));
    const x = (n: number) => `X${n}-${p2.province.code}`.slice(0, 30);
    expect(separate.separateFunds).toEqual(
      [{ fund: `Quỹ quay vòng ${p1.province.name}`, communes: [x(1), x(2)] }, { fund: `Quỹ quay vòng ${p2.province.name}`, communes: [x(3), x(4)] }]
        .sort((a, b) => a.fund.localeCompare(b.fund, 'vi')),
    );

    const applied = await applyReorganisation(admin, event());

    // What moved is what the preview listed, and sits in the new units.
    const { id: _id, moved, ...asApplied } = applied;
    expect(asApplied).toEqual(pending);
    const newCommunes = await db.orgUnit.findMany({ where: { code: { in: pending.successors.filter((s) => s.level === 'COMMUNE').map((s) => s.code) } } });
    expect(newCommunes.map((c) => c.parentId)).toEqual(newCommunes.map(() => p2.province.id));
    for (const s of pending.successors.filter((x) => x.level === 'COMMUNE')) {
      const unit = newCommunes.find((c) => c.code === s.code)!;
      expect(await db.group.count({ where: { orgUnitId: unit.id } })).toBe(s.groups);
      expect(await db.member.count({ where: { orgUnitId: unit.id, status: 'ACTIVE' } })).toBe(s.members);
      expect(await db.loan.count({ where: { orgUnitId: unit.id, status: { notIn: ['CLOSED', 'REJECTED', 'WRITTEN_OFF'] } } })).toBe(s.loans);
      expect(await db.savingsAccount.count({ where: { orgUnitId: unit.id } })).toBe(s.savingsAccounts);
    }
    const sum = (pick: (s: (typeof pending.successors)[number]) => number) => pending.successors.reduce((n, s) => n + pick(s), 0);
    expect(moved).toMatchObject({ groups: sum((s) => s.groups), savingsAccounts: sum((s) => s.savingsAccounts), chapters: 8 });
    // The two "TK-01" groups now share a commune: the second carries its old commune's code.
    expect((await db.group.findMany({ where: { orgUnitId: newCommunes.find((c) => c.code.startsWith('X1'))!.id } })).map((g) => g.code).sort())
      .toEqual([`${communes[1]!.code}-TK-01`, 'TK-01']);

    // Old units stay as history, ended the day before.
    for (const unit of [p1.province, ...p1.districts, ...p2.districts, ...communes]) {
      expect(await db.orgUnit.findUniqueOrThrow({ where: { id: unit.id } })).toMatchObject({ active: false, validTo: new Date('2026-06-30T00:00:00Z') });
    }

    // Reports of the first half-year: unchanged, byte for byte, for every old unit.
    for (const unit of units) {
      expect(bytes(await report(unit, BEFORE))).toBe(before.get(unit.id));
      if (unit.level !== 'COMMUNE') expect(bytes(await report(unit, BEFORE, 'commune'))).toBe(before.get(`${unit.id}:commune`));
    }

    // The year: the same money for the whole country, now in the new units, and it says so.
    const year = await report(central, YEAR);
    expect(figures(year)).toEqual(figures(yearBefore.all));
    expect(year.restated?.events).toEqual([{ decisionNo: '1234/NQ-UBTVQH15', decisionDate: '2026-06-12', effectiveOn: EFFECTIVE, communesMerged: 8, communesInto: 4 }]);
    expect(year.byChild.map((c) => c.orgUnit.id)).toEqual([p2.province.id]);
    expect(year.communes.active).toBe(4);
    // The central union's dashboard and narrative rank its provinces (here the one left).
    expect((await unitDashboard(reader)).summary.byChild.map((c) => c.orgUnit.id)).toEqual([p2.province.id]);
    expect((await yearNarrative(reader, { year: 2026 })).paragraphs.join(' ')).toContain(`${p2.province.name} là tỉnh/thành phố duy nhất có dư nợ`);
    const merged = await report(p2.province, YEAR);
    const add = (a: bigint, b: bigint) => a + b;
    expect(merged.disbursed.amount).toBe(add(yearBefore.p1.disbursed.amount, yearBefore.p2.disbursed.amount));
    expect(merged.principalRepaid.amount).toBe(add(yearBefore.p1.principalRepaid.amount, yearBefore.p2.principalRepaid.amount));
    expect(merged.interestCollected.amount).toBe(add(yearBefore.p1.interestCollected.amount, yearBefore.p2.interestCollected.amount));
    expect(merged.outstanding.start.amount).toBe(add(yearBefore.p1.outstanding.start.amount, yearBefore.p2.outstanding.start.amount));
    expect(merged.outstanding.end.amount).toBe(add(yearBefore.p1.outstanding.end.amount, yearBefore.p2.outstanding.end.amount));
    expect(merged.savings.balance).toBe(add(yearBefore.p1.savings.balance, yearBefore.p2.savings.balance));
    expect(merged.byChild.map((c) => c.orgUnit.code).sort()).toEqual(newCommunes.map((c) => c.code).sort());
    expect(merged.byChild.reduce((s, c) => s + c.outstanding, 0n)).toBe(merged.outstanding.end.amount);
    expect(merged.byChild.reduce((s, c) => s + c.disbursed, 0n)).toBe(merged.disbursed.amount);
    // The year-end narrative says what happened, and the export carries the note.
    const narrative = await yearNarrative(reader, { orgUnitId: p2.province.id, year: 2026 });
    expect(narrative.paragraphs[1]).toBe(
      'Thực hiện 1234/NQ-UBTVQH15 ngày 12/06/2026, từ ngày 01/07/2026 8 xã/phường được sắp xếp, sáp nhập thành 4 xã/phường; số liệu cả năm trong báo cáo này được tính theo các đơn vị sau sắp xếp.',
    );
    expect(summaryRows(merged).find((r) => r.section === 'Ghi chú')?.value).toContain('8 xã/phường cũ → 4 xã/phường');
    // An ended unit is reported on up to its last day only.
    expect((await failure(report(p1.province, YEAR))).key).toBe('reports.unitEnded');

    // Fee shares are for the levels there are: no district share from the first two-tier month.
    const p2Admin = await actorFor('ADMIN', p2.province);
    expect((await failure(addFeeShareRule(p2Admin, { effectiveMonth: '2026-08', commune: '70', district: '10', province: '20' }))).key).toBe('fees.noDistrictLevel');
    await addFeeShareRule(p2Admin, { effectiveMonth: '2026-08', commune: '70', district: '0', province: '30' });
    await addFeeShareRule(p2Admin, { effectiveMonth: '2026-01', commune: '60', district: '20', province: '20' });

    // The revolving fund's cash went along: the same cash in total, none left with the old boards.
    const fundAfter = await fundBalance(admin, { orgUnitId: central.id });
    expect(fundAfter.totals.cashOnHand).toBe(fundBefore.totals.cashOnHand);
    for (const c of fundAfter.communes.filter((x) => communes.some((o) => o.id === x.orgUnit.id))) expect(c.cashOnHand).toBe(0n);
  });

  it('moves the old communes\' officers into the new ones, or ends their accounts as the event said', async () => {
    const moved = await loadActor(officerIds[0]!, { requestId: 'after' });
    expect(moved?.orgUnitName).toBe('Xã Hợp Nhất Một');
    const stopped = await db.user.findUniqueOrThrow({ where: { id: officerIds[6]! } });
    expect(stopped.active).toBe(false);
    expect(await loadActor(officerIds[6]!, { requestId: 'after' })).toBeNull();
    // The officer who moved sees her new commune's groups, both old communes' among them.
    const x1 = await db.orgUnit.findFirstOrThrow({ where: { name: 'Xã Hợp Nhất Một' } });
    expect(moved!.orgUnitPath).toBe(x1.path);
    // A leader now leads a province directly; a commune officer still cannot sit there.
    const account = { fullName: 'Lãnh đạo Hội tỉnh', password: 'Mat-khau-dai-2026', orgUnitId: p2.province.id };
    expect((await createAccount(admin, { ...account, username: 'lanhdao.p2', role: 'DISTRICT_LEADER' })).orgUnitId).toBe(p2.province.id);
    expect((await failure(createAccount(admin, { ...account, username: 'xa.p2', role: 'COMMUNE_OFFICER' }))).key).toBe('users.roleLevel');
  });
});
