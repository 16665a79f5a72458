import { beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '@/lib/clock';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn, ledgerRepayment } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db, type Programme } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { addAllowanceRule } from '@/lib/fees';
import { applyForLoan, approveLoan, appraiseLoan, disburseLoan } from '@/lib/loans';
import { summaryReport } from '@/lib/reports';
import { allowanceStatement, closeSettlement, decideSettlement, fundBalance, postAllocation, requestSettlement, transferForSettlement, getSettlement } from './index';

useTestDatabase();

/** The fund identity: what the commune holds (cash, loans, losses) equals what it was given and earned. */
const reconciles = (f: {
  cashOnHand: bigint; outstanding: bigint; writtenOff: bigint; allocated: bigint; returned: bigint;
  movedIn: bigint; movedOut: bigint; interestCollected: bigint; allowancesPaid: bigint;
}) =>
  f.cashOnHand + f.outstanding + f.writtenOff === f.allocated - f.returned + f.movedIn - f.movedOut + f.interestCollected - f.allowancesPaid;

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let programmes: Record<string, Programme>;
let province: Actor;
let leader: Actor;

beforeAll(async () => {
  tree = await createOrgTree();
  programmes = await ensureProgrammes();
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[1]!);
  // Seed 001: half the interest pays allowances; here group officers get 40 % of that, in full from
  // 10 members, half from 5, nothing below.
  await addAllowanceRule(province, { effectiveMonth: '2026-01', allowance: '50', groupOfficers: '40', fullFromMembers: 10, reducedFromMembers: 5, reducedPct: 50 });
});

describe('revolving fund allowances and balance', () => {
  it('split the interest by group size, sum to the interest collected, and the commune fund reconciles to the đồng', async () => {
    const commune = tree.communes[2]!;
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    const [big, small] = [await makeGroup(commune, 'REVOLVING'), await makeGroup(commune, 'REVOLVING')];
    const bigMembers = await addMembers(commune, big.id, 12);
    const smallMembers = await addMembers(commune, small.id, 6);
    await postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '30.000.000', decisionNo: '15/QĐ-HLHPN' });
    const r1 = await disbursedLoanOn(officer, leader, bigMembers[0]!, programmes.QQV!, '10.000.000', '2026-07-10');
    const r2 = await disbursedLoanOn(officer, leader, smallMembers[0]!, programmes.QQV!, '8.000.000', '2026-07-12');
    await ledgerRepayment(r1.id, '2026-08-10', { interest: 50_000n, principal: 800_000n });
    await ledgerRepayment(r2.id, '2026-08-12', { interest: 40_001n });

    const statement = await allowanceStatement(leader, { fromMonth: '2026-08', toMonth: '2026-08' });
    const row = (code: string) => statement.byGroup.find((g) => g.group.code === code)!;
    // 12 members: pool 25 000 → group officers 10 000, union officers 15 000, the fund keeps 25 000.
    expect(row(big.code)).toMatchObject({
      interest: 50_000n, allowances: 25_000n, groupOfficers: 10_000n, unionOfficers: 15_000n, withheld: 0n, retained: 25_000n,
    });
    // 6 members: pool 20 000,5 → 20 001; group share 8 000 halved to 4 000; union 12 001; the fund keeps 24 000.
    expect(row(small.code)).toMatchObject({
      interest: 40_001n, allowances: 20_001n, groupOfficers: 4_000n, unionOfficers: 12_001n, withheld: 4_000n, retained: 24_000n,
    });
    const t = statement.totals;
    expect(t.unionOfficers + t.groupOfficers + t.retained).toBe(t.interest);
    expect(t.interest).toBe(90_001n);

    const balance = await fundBalance(leader, { asOf: '2026-08-31' });
    const fund = balance.communes.find((c) => c.orgUnit.id === commune.id)!;
    expect(fund).toMatchObject({
      status: 'ACTIVE', allocated: 30_000_000n, disbursed: 18_000_000n, principalRepaid: 800_000n, interestCollected: 90_001n,
      allowancesPaid: 41_001n, outstanding: 17_200_000n, cashOnHand: 12_849_000n,
    });
    expect(reconciles(fund)).toBe(true);
    // Before August nothing was collected.
    expect((await fundBalance(leader, { asOf: '2026-07-31' })).communes.find((c) => c.orgUnit.id === commune.id)).toMatchObject({ cashOnHand: 12_000_000n, allowancesPaid: 0n });
  });

  it('capital moves are the province\'s, positive, and never return more than the cash held; a retry posts once', async () => {
    const commune = tree.communes[3]!;
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    expect((await failure(postAllocation(officer, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '1000' }))).code).toBe('FORBIDDEN');
    expect((await failure(postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '0' }))).fields).toEqual(['amount']);
    expect((await failure(postAllocation(province, { orgUnitId: tree.districts[1]!.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '1000' }))).fields).toEqual(['orgUnitId']);
    const first = await postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '5.000.000', idempotencyKey: 'alloc-1' });
    const again = await postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-07-01', amount: '5.000.000', idempotencyKey: 'alloc-1' });
    expect(again).toMatchObject({ id: first.id, replayed: true });
    // The same key for another amount, day or commune is another request: 422 naming the key (issue 22 §6).
    for (const other of [{ amount: '10.000.000' }, { date: '2026-07-02' }, { orgUnitId: tree.communes[2]!.id }]) {
      const input = { orgUnitId: commune.id, kind: 'ALLOCATE' as const, date: '2026-07-01', amount: '5.000.000', idempotencyKey: 'alloc-1', ...other };
      expect(await failure(postAllocation(province, input))).toMatchObject({ code: 'VALIDATION', key: 'errors.idempotencyMismatch', params: { key: 'alloc-1' } });
    }
    expect(await db.fundAllocation.count({ where: { idempotencyKey: 'alloc-1' } })).toBe(1);
    const tooMuch = await failure(postAllocation(province, { orgUnitId: commune.id, kind: 'RETURN', date: '2026-07-02', amount: '5.000.001' }));
    expect(tooMuch).toMatchObject({ key: 'fund.returnAboveCash', params: { cash: '5.000.000' }, fields: ['amount'] });
    await postAllocation(province, { orgUnitId: commune.id, kind: 'RETURN', date: '2026-07-02', amount: '5.000.000' });
    const fund = (await fundBalance(province, { orgUnitId: commune.id })).communes[0]!;
    expect(fund).toMatchObject({ allocated: 5_000_000n, returned: 5_000_000n, cashOnHand: 0n });
    expect(await db.auditLog.count({ where: { action: { in: ['fund.allocate', 'fund.return'] }, entityId: { in: (await db.fundAllocation.findMany({ where: { orgUnitId: commune.id } })).map((a) => a.id) } } })).toBe(2);
  });
});

describe('commune fund settlement', () => {
  it('stops fund lending from approval, refuses to close while anything remains (listing it), and closes once all is collected, moved or returned', async () => {
    const commune = tree.communes[0]!;
    const otherCommune = tree.communes[1]!;
    const officer = await actorFor('COMMUNE_OFFICER', commune);
    const districtLeader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const group = await makeGroup(commune, 'REVOLVING');
    const target = await makeGroup(otherCommune, 'REVOLVING');
    const [borrower, applicant, saver] = await addMembers(commune, group.id, 3);
    await postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: '2026-06-01', amount: '20.000.000' });
    const loan = await disbursedLoanOn(officer, districtLeader, borrower!, programmes.QQV!, '10.000.000', '2026-06-10');
    // An application approved before the settlement cannot be disbursed after it.
    const pending = await applyForLoan(officer, { memberId: applicant!.id, programmeId: programmes.QQV!.id, amount: '5000000', termMonths: 12, purpose: 'Buôn bán', appliedAt: daysAgo(20) });
    await appraiseLoan(officer, pending.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan', appraisedAt: daysAgo(20) });
    await approveLoan(districtLeader, pending.id, { decidedAt: daysAgo(19) });

    expect((await failure(requestSettlement(officer, { orgUnitId: otherCommune.id, requestDate: daysAgo(10), reason: 'x', documentRef: 'BB 01' }))).code).toBe('NOT_FOUND');
    const request = await requestSettlement(officer, { orgUnitId: commune.id, requestDate: daysAgo(10), reason: 'Ban quản lý xã xin rút khỏi Quỹ', documentRef: 'Biên bản họp BCH số 05' });
    expect((await failure(requestSettlement(officer, { orgUnitId: commune.id, requestDate: daysAgo(9), reason: 'x', documentRef: 'y' }))).key).toBe('fund.alreadyRequested');
    expect((await failure(decideSettlement(officer, request.id, { approve: true, date: daysAgo(8) }))).code).toBe('FORBIDDEN');
    await decideSettlement(province, request.id, { approve: true, date: daysAgo(8), note: 'Đồng ý' });

    expect(await failure(applyForLoan(officer, { memberId: saver!.id, programmeId: programmes.QQV!.id, amount: '5000000', termMonths: 12, purpose: 'X' }))).toMatchObject({ code: 'CONFLICT', key: 'fund.settling', fields: ['programmeId'] });
    expect(await failure(disburseLoan(officer, pending.id, { date: daysAgo(1) }))).toMatchObject({ code: 'CONFLICT', key: 'fund.settling' });
    expect(await failure(postAllocation(province, { orgUnitId: commune.id, kind: 'ALLOCATE', date: daysAgo(1), amount: '1000' }))).toMatchObject({ key: 'fund.settling' });
    // The bank's programmes go on.
    expect((await applyForLoan(officer, { memberId: saver!.id, programmeId: programmes.HN!.id, amount: '5000000', termMonths: 12, purpose: 'Nuôi bò' })).status).toBe('APPLIED');

    // Closing now is refused with what remains: the loan, the pending application and the cash.
    const refused = await closeSettlement(province, request.id, { date: daysAgo(0) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).params).toMatchObject({ count: 3 });
    expect(String((refused as AppError).params.list)).toContain(loan.number);
    expect(String((refused as AppError).params.list)).toContain('Tiền mặt: 10.000.000 đ');
    const { items } = await getSettlement(province, request.id, todayInVietnam());
    expect(items.map((i) => [i.kind, i.amount])).toEqual([['LOAN', 10_000_000n], ['LOAN', 0n], ['CASH', 10_000_000n]]);

    // The borrower moves with her loan to another commune's group; the application is moved too.
    expect((await failure(transferForSettlement(province, request.id, { memberId: borrower!.id, groupId: group.id, date: daysAgo(0) }))).key).toBe('fund.sameCommune');
    const moved = await transferForSettlement(province, request.id, { memberId: borrower!.id, groupId: target.id, date: daysAgo(0) });
    expect(moved).toMatchObject({ loansMoved: 1 });
    expect(await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ orgUnitId: otherCommune.id, groupId: target.id });
    // The loan's outstanding goes across; the commune's cash stays what it holds, and both funds reconcile.
    const afterMove = await fundBalance(districtLeader, {});
    const [from, to] = [commune, otherCommune].map((c) => afterMove.communes.find((f) => f.orgUnit.id === c.id)!);
    expect(from).toMatchObject({ disbursed: 10_000_000n, movedOut: 10_000_000n, outstanding: 0n, cashOnHand: 10_000_000n });
    expect(to).toMatchObject({ disbursed: 0n, movedIn: 10_000_000n, outstanding: 10_000_000n, cashOnHand: 0n });
    expect(reconciles(from!) && reconciles(to!)).toBe(true);
    await transferForSettlement(province, request.id, { memberId: applicant!.id, groupId: target.id, date: daysAgo(0) });
    // The cash is returned to the province; then the commune closes.
    await postAllocation(province, { orgUnitId: commune.id, kind: 'RETURN', date: daysAgo(0), amount: '10.000.000' });
    const period = { orgUnitId: commune.id, from: '2026-01-01', to: daysAgo(0) };
    const groupsBefore = (await summaryReport(districtLeader, period)).groups.active;
    const closed = await closeSettlement(province, request.id, { date: daysAgo(0) });
    expect(closed.status).toBe('CLOSED');
    // The settled commune's fund group no longer counts as active (seed 001 counts the groups still running).
    expect((await summaryReport(districtLeader, period)).groups.active).toBe(groupsBefore - 1);
    expect(await failure(applyForLoan(officer, { memberId: saver!.id, programmeId: programmes.QQV!.id, amount: '5000000', termMonths: 12, purpose: 'X' }))).toMatchObject({ key: 'fund.settled' });
    const balance = await fundBalance(districtLeader, {});
    expect(balance.communes.find((c) => c.orgUnit.id === commune.id)).toMatchObject({ status: 'SETTLED', cashOnHand: 0n, outstanding: 0n });
    expect(balance.communeCount).toMatchObject({ settled: 1, active: 1 });
    expect(await db.auditLog.count({ where: { entityId: request.id, action: { startsWith: 'fund.settlement' } } })).toBe(3);
  });
});
