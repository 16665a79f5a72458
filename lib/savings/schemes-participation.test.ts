import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import { daysAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { chapterPoolParticipation, createScheme, openSavingsAccount, postSavingsMovement, reverseSavingsMovement, updateScheme } from './index';
import { ratio4 } from '@/lib/money';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let province: Actor;
let officer: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
});

const rules = { name: 'Tiết kiệm thử', minMonthlyDeposit: '100.000', maxMonthlyDeposit: '300.000', withdrawalsAllowed: 'on', noticeDays: '0', minBalance: '0', annualRatePercent: '' };

describe('participation ratio', () => {
  it('is computed and rounded to 4 places, never copied (seed 000: 12.374 of 15.467 is 0,8000, not the printed 80,02 %)', () => {
    expect(ratio4(12_374, 15_467)).toBe(0.8);
    expect(ratio4(1, 3)).toBe(0.3333);
    expect(ratio4(2, 3)).toBe(0.6667);
    expect(ratio4(5, 0)).toBeNull();
  });
});

describe('savings schemes (admin)', () => {
  it('a province officer creates a scheme; a commune officer cannot; codes are unique; the range is checked', async () => {
    const scheme = await createScheme(province, { code: 'tt1', kind: 'GROUP_MEMBER', ...rules });
    expect(scheme).toMatchObject({ code: 'TT1', minMonthlyDeposit: 100_000n, maxMonthlyDeposit: 300_000n, withdrawalsAllowed: true });
    expect(await failure(createScheme(officer, { code: 'TT2', kind: 'GROUP_MEMBER', ...rules }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(createScheme(province, { code: 'TT1', kind: 'GROUP_MEMBER', ...rules }))).toMatchObject({ key: 'savings.schemeCodeTaken', fields: ['code'] });
    expect(await failure(createScheme(province, { code: 'TT3', kind: 'GROUP_MEMBER', ...rules, minMonthlyDeposit: '400.000' }))).toMatchObject({ fields: ['maxMonthlyDeposit'] });
  });

  it('new rules apply to later deposits, and the audit keeps the rules before and after', async () => {
    const scheme = await createScheme(province, { code: 'TT4', kind: 'GROUP_MEMBER', ...rules });
    const [member] = await addMembers(tree.communes[0]!, null, 1);
    const account = await openSavingsAccount(officer, { memberId: member!.id, schemeId: scheme.id, openedAt: daysAgo(40) });
    expect(await failure(postSavingsMovement(officer, account.id, 'DEPOSIT', { date: daysAgo(0), amount: '400.000' }))).toMatchObject({ key: 'savings.aboveMonthlyMax' });
    await updateScheme(province, scheme.id, { ...rules, maxMonthlyDeposit: '500.000', active: 'on' });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: daysAgo(0), amount: '400.000' });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'savingsScheme.update', entityId: scheme.id } });
    expect(audit.before).toMatchObject({ maxMonthlyDeposit: '300000' });
    expect(audit.after).toMatchObject({ maxMonthlyDeposit: '500000' });
    await updateScheme(province, scheme.id, { ...rules, active: '' });
    const [other] = await addMembers(tree.communes[0]!, null, 1);
    expect(await failure(openSavingsAccount(officer, { memberId: other!.id, schemeId: scheme.id }))).toMatchObject({ key: 'savings.schemeInactive' });
  });
});

describe('chapter savings pool participation', () => {
  it('counts members with a positive pool balance over the chapter\'s union members, per chapter and in total, inside scope only', async () => {
    const pool = await createScheme(province, { code: 'QCH', kind: 'CHAPTER_POOL', ...rules, withdrawalsAllowed: '' });
    const [chapterA, chapterB] = [tree.chapters[0]!, tree.chapters[1]!];
    await db.orgUnit.update({ where: { id: chapterA.id }, data: { unionMemberCount: 8 } });
    const membersA = await addMembers(tree.communes[0]!, null, 4);
    for (const m of membersA) await db.member.update({ where: { id: m.id }, data: { chapterId: chapterA.id, isUnionMember: true } });
    const deposits = [];
    for (const m of membersA.slice(0, 3)) {
      const account = await openSavingsAccount(officer, { memberId: m.id, schemeId: pool.id, openedAt: daysAgo(40) });
      deposits.push((await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: daysAgo(1), amount: '100.000' })).transaction);
    }
    // A reversed deposit leaves a zero balance: that member no longer counts.
    await reverseSavingsMovement(officer, deposits[2]!.accountId, { transactionId: deposits[2]!.id, reason: 'nhầm' });
    // Chapter B has no entered count: its union members come from the register.
    const officerB = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    const membersB = await addMembers(tree.communes[1]!, null, 3);
    for (const m of membersB) await db.member.update({ where: { id: m.id }, data: { chapterId: chapterB.id, isUnionMember: true } });
    const accountB = await openSavingsAccount(officerB, { memberId: membersB[0]!.id, schemeId: pool.id, openedAt: daysAgo(40) });
    await postSavingsMovement(officerB, accountB.id, 'DEPOSIT', { date: daysAgo(1), amount: '100.000' });

    const district = await chapterPoolParticipation(await actorFor('DISTRICT_LEADER', tree.districts[0]!));
    const a = district.rows.find((r) => r.chapter.id === chapterA.id)!;
    const b = district.rows.find((r) => r.chapter.id === chapterB.id)!;
    expect(a).toMatchObject({ participants: 2, unionMembers: 8, unionMembersSource: 'entered', ratio: 0.25 });
    expect(b).toMatchObject({ participants: 1, unionMembers: 3, unionMembersSource: 'register', ratio: 0.3333 });
    expect(district.total).toEqual({ participants: 3, unionMembers: 11, ratio: 0.2727 });
    // As of before the deposits, nobody was saving.
    expect((await chapterPoolParticipation(officer, new Date(Date.parse(daysAgo(2))))).total.participants).toBe(0);
    // A commune officer sees only her commune's chapter.
    expect((await chapterPoolParticipation(officer)).rows.map((r) => r.chapter.id)).toEqual([chapterA.id]);
  });
});
