import { beforeAll, describe, expect, it } from 'vitest';
import { parseDateOnly } from '@/lib/calendar/date-only';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import { daysAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { listMemberAccounts, openSavingsAccount, postSavingsMovement, reverseSavingsMovement } from './index';
import { seedSavingsSchemes } from './seed-schemes';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let schemes: Record<string, { id: string }>;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  schemes = Object.fromEntries((await db.savingsScheme.findMany()).map((s) => [s.code, s]));
});

async function account(code = 'TKTV') {
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  return openSavingsAccount(officer, { memberId: member!.id, schemeId: schemes[code]!.id, openedAt: daysAgo(60) });
}

describe('savings', () => {
  it('deposits within the monthly limits (200.000–500.000 ₫), withdrawals within the balance', async () => {
    const acc = await account();
    expect(await failure(postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '100.000' }))).toMatchObject({ key: 'savings.belowMonthlyMin', fields: ['amount'] });
    await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '300.000' });
    await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '100.000' });
    expect(await failure(postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '200.000' }))).toMatchObject({ key: 'savings.aboveMonthlyMax' });
    expect(await failure(postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '400.001' }))).toMatchObject({ key: 'savings.insufficient' });
    await postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '400.000' });
    const [listed] = await listMemberAccounts(officer, acc.memberId);
    expect(listed!.balance).toBe(0n);
    expect(await db.auditLog.count({ where: { action: { startsWith: 'savings.' }, entityId: { in: listed!.transactions.map((t) => t.id) } } })).toBe(3);
  });

  it('the balance as of a date counts only movements up to it', async () => {
    const acc = await account();
    await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(40), amount: '500.000' });
    await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '250.000' });
    const asOf = parseDateOnly(daysAgo(20))!;
    expect((await listMemberAccounts(officer, acc.memberId, asOf))[0]!.balance).toBe(500_000n);
    expect((await listMemberAccounts(officer, acc.memberId))[0]!.balance).toBe(750_000n);
  });

  it('a chapter pool does not allow withdrawals; one key never posts twice; a reversal cannot leave a negative balance', async () => {
    const pool = await account('TKCH');
    await postSavingsMovement(officer, pool.id, 'DEPOSIT', { date: daysAgo(0), amount: '100.000', idempotencyKey: 'k1' });
    expect((await postSavingsMovement(officer, pool.id, 'DEPOSIT', { date: daysAgo(0), amount: '100.000', idempotencyKey: 'k1' })).replayed).toBe(true);
    // The same key for another amount, day or kind is another request: 422 naming the key, nothing posted (issue 22 §6).
    for (const [kind, other] of [['DEPOSIT', { date: daysAgo(0), amount: '200.000' }], ['DEPOSIT', { date: daysAgo(1), amount: '100.000' }], ['WITHDRAWAL', { date: daysAgo(0), amount: '100.000' }]] as const) {
      expect(await failure(postSavingsMovement(officer, pool.id, kind, { ...other, idempotencyKey: 'k1' }))).toMatchObject({
        code: 'VALIDATION', key: 'errors.idempotencyMismatch', params: { key: 'k1' }, fields: ['idempotencyKey'],
      });
    }
    expect(await db.savingsTransaction.count({ where: { accountId: pool.id } })).toBe(1);
    expect(await failure(postSavingsMovement(officer, pool.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '1.000' }))).toMatchObject({ key: 'savings.noWithdrawals' });

    const acc = await account();
    const { transaction: deposit } = await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(1), amount: '300.000' });
    await postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '300.000' });
    expect(await failure(reverseSavingsMovement(officer, acc.id, { transactionId: deposit.id, reason: 'nhầm' }))).toMatchObject({ key: 'savings.reversalNegative' });
    // A movement reversed twice: the savings message, not the loans' one (issue 22 §10).
    const [kept] = await db.savingsTransaction.findMany({ where: { accountId: pool.id } });
    await reverseSavingsMovement(officer, pool.id, { transactionId: kept!.id, reason: 'nhầm' });
    expect(await failure(reverseSavingsMovement(officer, pool.id, { transactionId: kept!.id, reason: 'lần 2' }))).toMatchObject({ code: 'CONFLICT', key: 'savings.alreadyReversed' });
  });

  it('a scheme that asks notice refuses a withdrawal without it or with too little, naming the notice date', async () => {
    const scheme = await db.savingsScheme.create({ data: { code: 'TBN7', name: 'Báo trước 7 ngày', kind: 'GROUP_MEMBER', minMonthlyDeposit: 0n, maxMonthlyDeposit: 10_000_000n, noticeDays: 7 } });
    const group = await makeGroup(tree.communes[0]!);
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    const acc = await openSavingsAccount(officer, { memberId: member!.id, schemeId: scheme.id, openedAt: daysAgo(60) });
    await postSavingsMovement(officer, acc.id, 'DEPOSIT', { date: daysAgo(30), amount: '1.000.000' });
    expect(await failure(postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '100.000' }))).toMatchObject({ key: 'savings.noticeRequired', fields: ['noticeDate'] });
    expect(await failure(postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '100.000', noticeDate: daysAgo(6) }))).toMatchObject({ key: 'savings.noticeTooShort', params: { days: 7, given: 6 } });
    const { transaction } = await postSavingsMovement(officer, acc.id, 'WITHDRAWAL', { date: daysAgo(0), amount: '100.000', noticeDate: daysAgo(7) });
    expect(transaction.noticeDate?.toISOString().slice(0, 10)).toBe(daysAgo(7));
  });

  it('accounts outside scope answer not found; a bank liaison cannot post', async () => {
    const acc = await account();
    const other = await actorFor('COMMUNE_OFFICER', tree.communes[2]!);
    expect(await failure(postSavingsMovement(other, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '300.000' }))).toMatchObject({ code: 'NOT_FOUND' });
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    expect(await failure(postSavingsMovement(liaison, acc.id, 'DEPOSIT', { date: daysAgo(0), amount: '300.000' }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});
