import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { todayInVietnam } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { refreshLoan } from '@/lib/loans/loan-terms';
import { openSavingsAccount } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { getCollectionSheet, saveCollectionSheet } from './index';

useTestDatabase();

let officer: Actor;
let groupId: string;
const today = todayInVietnam();
const month = `${today.getUTCFullYear()}-${String(today.getUTCMonth() + 1).padStart(2, '0')}`;

beforeAll(async () => {
  const tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const group = await makeGroup(tree.communes[0]!);
  await db.group.update({ where: { id: group.id }, data: { meetingDay: today.getUTCDate() } });
  groupId = group.id;
  const members = await addMembers(tree.communes[0]!, group.id, 3);
  for (const m of members.slice(0, 2)) {
    const loan = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '6.000.000', termMonths: 12, purpose: 'Nuôi lợn', appliedAt: monthsAgo(2) });
    await approveLoan(leader, loan.id, { decidedAt: monthsAgo(2) });
    await disburseLoan(officer, loan.id, { date: monthsAgo(2) });
  }
  for (const m of members) await openSavingsAccount(officer, { memberId: m.id, schemeId: scheme.id, openedAt: daysAgo(90) });
});

type Sheet = Awaited<ReturnType<typeof getCollectionSheet>>;
const fullRows = (sheet: Sheet) =>
  sheet.rows.map((r) => ({
    memberId: r.member.id,
    attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
  }));

describe('collection sheet', () => {
  it('is prefilled with what each loan asks and the savings expected', async () => {
    const sheet = await getCollectionSheet(officer, groupId, month);
    expect(sheet.rows).toHaveLength(3);
    expect(sheet.rows.filter((r) => r.loans.length === 1)).toHaveLength(2);
    for (const r of sheet.rows.filter((row) => row.loans.length)) expect(r.loans[0]!.due).toBeGreaterThan(500_000n);
    expect(sheet.rows.every((r) => r.savings[0]!.expected === 200_000n)).toBe(true);
  });

  it('an error on one row saves nothing and names the row', async () => {
    const sheet = await getCollectionSheet(officer, groupId, month);
    const rows = fullRows(sheet);
    rows[1]!.loans[0] = { ...rows[1]!.loans[0]!, amount: '90.000.000' };
    const before = await db.loanTransaction.count({ where: { kind: 'REPAYMENT' } });
    expect(await failure(saveCollectionSheet(officer, groupId, { month, rows }))).toMatchObject({ code: 'VALIDATION', key: 'sheets.rowError', fields: ['rows.1'] });
    expect(await db.loanTransaction.count({ where: { kind: 'REPAYMENT' } })).toBe(before);
    expect(await db.savingsTransaction.count()).toBe(0);
  });

  it('saves every posting at once; totals equal the postings; it cannot be saved twice', async () => {
    const sheet = await getCollectionSheet(officer, groupId, month);
    const saved = await saveCollectionSheet(officer, groupId, { month, rows: fullRows(sheet), idempotencyKey: 'sheet-1' });
    const loanIds = saved.rows.flatMap((r) => r.loanTransactionIds);
    const savingIds = saved.rows.flatMap((r) => r.savingsTransactionIds);
    const loanSum = (await db.loanTransaction.findMany({ where: { id: { in: loanIds } } })).reduce((s, t) => s + t.amount, 0n);
    const savingSum = (await db.savingsTransaction.findMany({ where: { id: { in: savingIds } } })).reduce((s, t) => s + t.amount, 0n);
    expect(saved.totalLoans).toBe(loanSum);
    expect(saved.totalSaving).toBe(savingSum);
    expect(savingSum).toBe(600_000n);
    const after = await getCollectionSheet(officer, groupId, month);
    for (const r of after.rows) for (const l of r.loans) expect(l.overdue).toBe(0n);
    expect(await failure(saveCollectionSheet(officer, groupId, { month, rows: fullRows(sheet) }))).toMatchObject({ code: 'CONFLICT', key: 'sheets.alreadySaved' });
    // A retry of the same save (same key) returns the saved sheet and posts nothing more.
    const retry = await saveCollectionSheet(officer, groupId, { month, rows: fullRows(sheet), idempotencyKey: 'sheet-1' });
    expect(retry).toMatchObject({ id: saved.id, replayed: true });
    expect(await db.loanTransaction.count({ where: { kind: 'REPAYMENT' } })).toBe(loanIds.length);
    // Every posting is audited; the loans' list columns equal a fresh replay of their ledgers.
    expect(await db.auditLog.count({ where: { entityId: { in: [...loanIds, ...savingIds] } } })).toBe(loanIds.length + savingIds.length);
    const loans = await db.loan.findMany({ where: { groupId } });
    for (const loan of loans) {
      const state = (await db.$transaction((tx) => refreshLoan(tx, loan.id)))!;
      expect(loan.cachedOutstanding).toBe(state.outstandingPrincipal);
      expect(loan.cachedOutstanding).toBeLessThan(6_000_000n);
    }
  });
});

describe('commune view and export', () => {
  it('lists the month\'s sheets with totals equal to the saved sheets, and exports the sheet as XLSX', async () => {
    const { listSheets, exportCollectionSheet } = await import('./index');
    const { readTable } = await import('@/lib/imports/read-table');
    const { streamToBuffer } = await import('@/lib/imports/web-stream');
    const view = await listSheets(officer, month);
    const mine = view.rows.find((r) => r.group.id === groupId)!;
    expect(mine.sheet).not.toBeNull();
    expect(view.totalLoans).toBe(view.rows.reduce((s, r) => s + (r.sheet?.totalLoans ?? 0n), 0n));
    const { stream } = await exportCollectionSheet(officer, groupId, month);
    const spec = { kind: 'x', columns: [{ key: 'name', header: 'Họ và tên', description: '', example: '' }, { key: 'loanPaid', header: 'Thực thu nợ', description: '', example: '' }] };
    const table = await readTable({ fileName: 's.xlsx', data: await streamToBuffer(stream) }, spec);
    const total = table.rows.at(-1)!;
    expect(total.values.name).toBe('Tổng cộng');
    expect(BigInt(total.values.loanPaid!)).toBe(mine.sheet!.totalLoans);
  });
});
