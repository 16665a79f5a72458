import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn, ledgerRepayment } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db, type Programme } from '@/lib/db';
import { postRepayment, reverseTransaction } from '@/lib/loans';
import { transferMember } from '@/lib/members';
import { addFeeRate, addFeeShareRule, computeFeeMonth, feeStatement, listFeeSettings } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let programmes: Record<string, Programme>;
let province: Actor;
let leader: Actor;
let officers: Actor[];

beforeAll(async () => {
  tree = await createOrgTree();
  programmes = await ensureProgrammes();
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  officers = await Promise.all([0, 1].map((i) => actorFor('COMMUNE_OFFICER', tree.communes[i]!)));
  // Illustrative rates: the fee on the outstanding balance changes in September; the commission is
  // 10 % of the interest collected throughout.
  const hn = programmes.HN!.id;
  await addFeeRate(province, { programmeId: hn, kind: 'ENTRUSTMENT_FEE', basis: 'OUTSTANDING_BALANCE', rate: '0,03', effectiveMonth: '2026-01' });
  await addFeeRate(province, { programmeId: hn, kind: 'ENTRUSTMENT_FEE', basis: 'OUTSTANDING_BALANCE', rate: '0,035', effectiveMonth: '2026-09' });
  await addFeeRate(province, { programmeId: hn, kind: 'GROUP_COMMISSION', basis: 'INTEREST_COLLECTED', rate: '10', effectiveMonth: '2026-01' });
  await addFeeShareRule(province, { effectiveMonth: '2026-01', commune: '60', district: '25', province: '15' });
});

describe('fee rates and shares', () => {
  it('are entered by the province only, for entrusted programmes, once per month, with shares summing to 100 %', async () => {
    expect((await failure(addFeeRate(officers[0]!, { programmeId: programmes.HN!.id, kind: 'ENTRUSTMENT_FEE', basis: 'INTEREST_COLLECTED', rate: '1', effectiveMonth: '2026-02' }))).code).toBe('FORBIDDEN');
    const revolving = await failure(addFeeRate(province, { programmeId: programmes.QQV!.id, kind: 'ENTRUSTMENT_FEE', basis: 'INTEREST_COLLECTED', rate: '1', effectiveMonth: '2026-02' }));
    expect(revolving).toMatchObject({ key: 'fees.notEntrusted', fields: ['programmeId'] });
    const twice = await failure(addFeeRate(province, { programmeId: programmes.HN!.id, kind: 'ENTRUSTMENT_FEE', basis: 'INTEREST_COLLECTED', rate: '1', effectiveMonth: '2026-09' }));
    expect(twice).toMatchObject({ key: 'fees.monthTaken', fields: ['effectiveMonth'] });
    expect((await failure(addFeeRate(province, { programmeId: programmes.HN!.id, kind: 'ENTRUSTMENT_FEE', basis: 'INTEREST_COLLECTED', rate: '0,12345', effectiveMonth: '2027-01' }))).fields).toEqual(['rate']);
    expect((await failure(addFeeShareRule(province, { effectiveMonth: '2027-01', commune: '60', district: '30', province: '15' }))).fields).toEqual(['province']);
    const settings = await listFeeSettings(leader);
    expect(settings.rates.filter((r) => r.programme.code === 'HN').map((r) => [r.kind, r.ratePpm, r.effectiveFrom.toISOString().slice(0, 7)])).toEqual([
      ['ENTRUSTMENT_FEE', 350, '2026-09'], ['ENTRUSTMENT_FEE', 300, '2026-01'], ['GROUP_COMMISSION', 100_000, '2026-01'],
    ]);
  });
});

describe('monthly fee statements', () => {
  it('compute fees and commissions by hand-checkable figures across a rate change, per group, commune and district', async () => {
    const [groupA, groupB] = [await makeGroup(tree.communes[0]!), await makeGroup(tree.communes[1]!)];
    const [a1, a2] = await addMembers(tree.communes[0]!, groupA.id, 2);
    const [b1] = await addMembers(tree.communes[1]!, groupB.id, 1);
    const l1 = await disbursedLoanOn(officers[0]!, leader, a1!, programmes.HN!, '10.000.000', '2026-07-15');
    const l2 = await disbursedLoanOn(officers[0]!, leader, a2!, programmes.HN!, '20.000.000', '2026-07-20');
    const l3 = await disbursedLoanOn(officers[1]!, leader, b1!, programmes.HN!, '5.000.000', '2026-08-01');
    await ledgerRepayment(l1.id, '2026-08-10', { interest: 45_833n });
    await ledgerRepayment(l2.id, '2026-08-10', { interest: 91_667n, principal: 1_000_000n });
    await ledgerRepayment(l1.id, '2026-09-10', { interest: 46_001n, principal: 500_000n });
    await ledgerRepayment(l2.id, '2026-09-10', { interest: 87_000n, overdueInterest: 1_301n });
    await ledgerRepayment(l3.id, '2026-09-12', { interest: 27_499n });
    await ledgerRepayment(l1.id, '2026-10-02', { interest: 99_999n });

    const district = tree.districts[0]!.id;
    await computeFeeMonth(province, { month: '2026-08', orgUnitId: district });
    await computeFeeMonth(province, { month: '2026-09', orgUnitId: district });
    const aug = await feeStatement(leader, { month: '2026-08' });
    const sep = await feeStatement(leader, { month: '2026-09' });
    const line = (s: typeof aug, groupCode: string) => s.lines.find((l) => l.group.code === groupCode)!;

    // August, group A: outstanding 10 000 000 + 19 000 000 = 29 000 000 × 0,03 % = 8 700; interest 137 500 × 10 % = 13 750.
    expect(line(aug, groupA.code)).toMatchObject({
      interestCollected: 137_500n, outstandingEnd: 29_000_000n, fee: 8_700n, feeRatePpm: 300, commission: 13_750n,
    });
    // Group B: 5 000 000 × 0,03 % = 1 500, nothing collected yet.
    expect(line(aug, groupB.code)).toMatchObject({ interestCollected: 0n, outstandingEnd: 5_000_000n, fee: 1_500n, commission: 0n });
    // September at the new rate: 28 500 000 × 0,035 % = 9 975; 134 302 × 10 % = 13 430,2 → 13 430.
    expect(line(sep, groupA.code)).toMatchObject({
      interestCollected: 134_302n, outstandingEnd: 28_500_000n, fee: 9_975n, feeRatePpm: 350, commission: 13_430n,
    });
    // Group B: 5 000 000 × 0,035 % = 1 750; 27 499 × 10 % = 2 749,9 → 2 750.
    expect(line(sep, groupB.code)).toMatchObject({ interestCollected: 27_499n, fee: 1_750n, commission: 2_750n });
    expect(sep.totals).toMatchObject({ interestCollected: 161_801n, fee: 11_725n, commission: 16_180n });
    // The commune's fee shared 60 / 25 / 15: 9 975 → 5 985 + 2 494 (2 493,75) + 1 496 (the rest).
    const communeA = sep.byCommune.find((c) => c.orgUnit.id === tree.communes[0]!.id)!;
    expect(communeA.shares).toEqual({ commune: 5_985n, district: 2_494n, province: 1_496n });
    expect(sep.totals.shares.commune + sep.totals.shares.district + sep.totals.shares.province).toBe(sep.totals.fee);
    expect(sep.byGroupLeader.map((g) => g.commission).reduce((a, b) => a + b, 0n)).toBe(sep.totals.commission);
    expect(sep.stale).toBe(false);

    // A commune officer sees her commune's lines only; another district sees none of them.
    const own = await feeStatement(officers[0]!, { month: '2026-09' });
    expect(own.lines.map((l) => l.group.code)).toEqual([groupA.code]);
    const otherDistrict = await feeStatement(await actorFor('BANK_LIAISON', tree.districts[1]!), { month: '2026-09' });
    expect(otherDistrict.lines).toEqual([]);
    expect((await failure(feeStatement(officers[0]!, { month: '2026-09', orgUnitId: district }))).code).toBe('NOT_FOUND');
    expect((await failure(computeFeeMonth(leader, { month: '2026-09' }))).code).toBe('FORBIDDEN');
    expect((await failure(computeFeeMonth(province, { month: '2099-01' }))).fields).toEqual(['month']);
  });

  it('recomputed after a reversal, change only the affected month and show the difference', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    const monthOf = (days: number) => daysAgo(days).slice(0, 7);
    const first = monthOf(62);
    const second = monthOf(31);
    const loan = await disbursedLoanOn(officers[0]!, leader, member!, programmes.HN!, '12.000.000', `${monthOf(93)}-05`);
    await postRepayment(officers[0]!, loan.id, { date: `${first}-06`, amount: '1.066.000' });
    await postRepayment(officers[0]!, loan.id, { date: `${second}-06`, amount: '1.060.500' });
    await computeFeeMonth(officers[0]!, { month: first });
    await computeFeeMonth(officers[0]!, { month: second });
    const before = (await feeStatement(officers[0]!, { month: second })).lines.find((l) => l.groupId === group.id)!;
    expect(before.commission).toBeGreaterThan(0n);

    const repayment = await db.loanTransaction.findFirstOrThrow({ where: { loanId: loan.id, date: new Date(`${second}-06T00:00:00Z`), kind: 'REPAYMENT' } });
    await reverseTransaction(leader, loan.id, { transactionId: repayment.id, reason: 'Nhập nhầm số tiền' });
    expect((await feeStatement(officers[0]!, { month: second })).stale).toBe(true);

    const firstAgain = await computeFeeMonth(officers[0]!, { month: first });
    expect(firstAgain.changed).toEqual([]);
    const secondAgain = await computeFeeMonth(officers[0]!, { month: second });
    expect(secondAgain.changed).toHaveLength(1);
    const after = await feeStatement(officers[0]!, { month: second });
    const line = after.lines.find((l) => l.groupId === group.id)!;
    const interest = repayment.interest + repayment.overdueInterest;
    // The reversed month loses exactly that repayment's interest and principal in its figures.
    expect(line.interestCollected).toBe(before.interestCollected - interest);
    expect(line.outstandingEnd).toBe(before.outstandingEnd + repayment.principal);
    expect(line.previousCommission).toBe(before.commission);
    expect(line.commission).toBe((line.interestCollected * 100_000n * 2n + 1_000_000n) / 2_000_000n);
    const leaderRow = after.byGroupLeader.find((g) => g.groupId === group.id)!;
    expect(leaderRow.difference).toBe(line.commission - before.commission);
    expect(after.stale).toBe(false);
    expect(await db.auditLog.count({ where: { action: 'fees.compute', entityId: { startsWith: `${second}:` } } })).toBe(2);
  });

  it('keep a moved loan\'s earlier postings with the group that held it then', async () => {
    const commune = tree.communes[0]!;
    const [from, to] = [await makeGroup(commune), await makeGroup(commune)];
    const [member] = await addMembers(commune, from.id, 1);
    const loan = await disbursedLoanOn(officers[0]!, leader, member!, programmes.HN!, '6.000.000', '2026-05-04');
    await ledgerRepayment(loan.id, '2026-06-04', { interest: 30_000n, principal: 500_000n });
    await transferMember(officers[0]!, member!.id, { groupId: to.id, date: '2026-07-01', moveLoans: 'true' });
    await ledgerRepayment(loan.id, '2026-07-04', { interest: 28_000n, principal: 500_000n });
    for (const month of ['2026-06', '2026-07']) await computeFeeMonth(officers[0]!, { month });
    const june = (await feeStatement(officers[0]!, { month: '2026-06' })).lines.filter((l) => [from.id, to.id].includes(l.groupId));
    const july = (await feeStatement(officers[0]!, { month: '2026-07' })).lines.filter((l) => [from.id, to.id].includes(l.groupId));
    expect(june.map((l) => [l.groupId, l.interestCollected, l.outstandingEnd])).toEqual([[from.id, 30_000n, 5_500_000n]]);
    expect(july.map((l) => [l.groupId, l.interestCollected, l.outstandingEnd])).toEqual([[to.id, 28_000n, 5_000_000n]]);
    // June computed again after the move still belongs to the old group.
    expect((await computeFeeMonth(officers[0]!, { month: '2026-06' })).changed).toEqual([]);
  });
});
