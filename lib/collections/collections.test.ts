import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { groupWithLoans } from '@/tests/factories/collections';
import { failure } from '@/tests/factories/failure';
import { setClock } from '@/lib/clock';
import { db } from '@/lib/db';
import ExcelJS from 'exceljs';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { refreshLoan } from '@/lib/loans/loan-figures';
import { postSavingsMovement } from '@/lib/savings';
import { exportCollectionSheet, getCollectionSheet, listSheets, saveCollectionSheet } from './index';
import { HEADER_ROW, SHEET_COLUMNS } from './sheet-workbook';

useTestDatabase();

// Every test builds its own group (fresh org tree) on a pinned clock, so each runs alone or in any
// order, on any real date. The figures below are worked out by hand:
//   today 20/06/2026; the group meets on the 15th, so the June sheet is dated 15/06/2026.
//   Each loan: HN 0,55 %/month, 6.000.000 ₫ for 12 months, disbursed 15/05/2026.
//   Instalment 1 falls on 15/06: principal 6.000.000 / 12 = 500.000;
//   interest 15/05–15/06 = 31 days: 6.000.000 × 0,55 % × 31/30 = 33.000 × 31/30 = 34.100.
//   So each loan asks 534.100 on the sheet, nothing is overdue, and 5.500.000 remains after it.
//   Savings (TKTV): 200.000 ₫ a month expected from each member who has not yet paid in June.
const TODAY = '2026-06-20';
const MONTH = '2026-06';
const OPTIONS = { meetingDay: 15, members: 3, borrowers: 2, loanAmount: '6.000.000', disbursedOn: '2026-05-15', savingsFrom: '2026-03-01' };
const setup = () => groupWithLoans(OPTIONS);

beforeEach(() => setClock(TODAY));
afterAll(() => setClock(null));

type Sheet = Awaited<ReturnType<typeof getCollectionSheet>>;
/** What an officer submits when every member paid exactly what the sheet asked. */
const fullRows = (sheet: Sheet) =>
  sheet.rows.map((r) => ({
    memberId: r.member.id,
    attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
  }));

describe('collection sheet', () => {
  it('is prefilled with what each loan asks on the collection day and the savings still expected', async () => {
    const { officer, group, members, accounts } = await setup();
    // One member already paid her 200.000 for June on the 5th: nothing more is expected from her.
    await postSavingsMovement(officer, accounts[2]!.id, 'DEPOSIT', { date: '2026-06-05', amount: '200.000' });
    const sheet = await getCollectionSheet(officer, group.id, MONTH);
    expect(sheet.date).toEqual(new Date('2026-06-15T00:00:00Z'));
    expect(sheet.upcoming).toBe(false);
    const byMember = new Map(sheet.rows.map((r) => [r.member.id, r]));
    expect(byMember.size).toBe(3);
    for (const borrower of members.slice(0, 2)) {
      expect(byMember.get(borrower.id)!.loans).toEqual([
        expect.objectContaining({ programme: 'HN', interestDue: 34_100n, principalDue: 500_000n, overdue: 0n, outstanding: 6_000_000n, due: 534_100n }),
      ]);
      expect(byMember.get(borrower.id)!.savings.map((s) => s.expected)).toEqual([200_000n]);
    }
    expect(byMember.get(members[2]!.id)!.loans).toEqual([]);
    expect(byMember.get(members[2]!.id)!.savings.map((s) => [s.expected, s.balance])).toEqual([[0n, 200_000n]]);
  });

  it('an error on one row saves nothing and names the row and the member', async () => {
    const { officer, group, members, loans, accounts } = await setup();
    const rows = fullRows(await getCollectionSheet(officer, group.id, MONTH));
    const second = rows.findIndex((r) => r.memberId === members[1]!.id);
    // 90.000.000 ₫ on a 6.000.000 ₫ loan is more than it owes.
    rows[second]!.loans[0] = { ...rows[second]!.loans[0]!, amount: '90.000.000' };
    expect(await failure(saveCollectionSheet(officer, group.id, { month: MONTH, rows }))).toMatchObject({
      code: 'VALIDATION', key: 'sheets.rowError', fields: [`rows.${second}`], params: { row: second + 1, name: members[1]!.fullName },
    });
    // Not even the good rows before it were posted.
    expect(await db.loanTransaction.count({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'REPAYMENT' } })).toBe(0);
    expect(await db.savingsTransaction.count({ where: { accountId: { in: accounts.map((a) => a.id) } } })).toBe(0);
    expect(await db.collectionSheet.count({ where: { groupId: group.id } })).toBe(0);
  });

  it('saves every posting at once with the totals collected, and is not saved twice', async () => {
    const { officer, group, loans, accounts } = await setup();
    const sheet = await getCollectionSheet(officer, group.id, MONTH);
    const saved = await saveCollectionSheet(officer, group.id, { month: MONTH, rows: fullRows(sheet), idempotencyKey: 'sheet-1' });
    // 2 × 534.100 = 1.068.200 ₫ of loans; 3 × 200.000 = 600.000 ₫ of savings.
    expect(saved).toMatchObject({ totalLoans: 1_068_200n, totalSaving: 600_000n, replayed: false });
    const repayments = await db.loanTransaction.findMany({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'REPAYMENT' } });
    expect(repayments.map((t) => [t.date.toISOString().slice(0, 10), t.amount, t.principal, t.interest])).toEqual([
      ['2026-06-15', 534_100n, 500_000n, 34_100n],
      ['2026-06-15', 534_100n, 500_000n, 34_100n],
    ]);
    const deposits = await db.savingsTransaction.findMany({ where: { accountId: { in: accounts.map((a) => a.id) } } });
    expect(deposits.map((t) => t.amount)).toEqual([200_000n, 200_000n, 200_000n]);
    // The sheet now shows what was collected; the loans' list columns show 6.000.000 − 500.000.
    const after = await getCollectionSheet(officer, group.id, MONTH);
    expect(after.rows.map((r) => r.saved?.loanPaid).sort()).toEqual([0n, 534_100n, 534_100n]);
    for (const loan of await db.loan.findMany({ where: { groupId: group.id } })) {
      expect(loan.cachedOutstanding).toBe(5_500_000n);
      expect((await db.$transaction((tx) => refreshLoan(tx, loan.id)))!.outstandingPrincipal).toBe(5_500_000n);
    }
    // Every posting is audited.
    expect(await db.auditLog.count({ where: { entityId: { in: [...repayments, ...deposits].map((t) => t.id) } } })).toBe(5);
    // Saving again is refused; a retry of the same save (same key) returns it and posts nothing.
    expect(await failure(saveCollectionSheet(officer, group.id, { month: MONTH, rows: fullRows(sheet) }))).toMatchObject({ code: 'CONFLICT', key: 'sheets.alreadySaved' });
    const retry = await saveCollectionSheet(officer, group.id, { month: MONTH, rows: fullRows(sheet), idempotencyKey: 'sheet-1' });
    expect(retry).toMatchObject({ id: saved.id, replayed: true, totalLoans: 1_068_200n });
    // The same key with another sheet (one amount changed; one member marked absent; another month) is
    // another request: 422 naming the key, nothing posted (issue 22 §6).
    const changed = fullRows(sheet);
    const payer = changed.find((r) => r.loans.length)!;
    payer.loans[0] = { ...payer.loans[0]!, amount: '100.000' };
    const absent = fullRows(sheet).map((r, i) => (i === 0 ? { ...r, attended: false } : r));
    for (const [month, rows] of [[MONTH, changed], [MONTH, absent], ['2026-05', fullRows(sheet)]] as const) {
      expect(await failure(saveCollectionSheet(officer, group.id, { month, rows, idempotencyKey: 'sheet-1' }))).toMatchObject({
        code: 'VALIDATION', key: 'errors.idempotencyMismatch', params: { key: 'sheet-1' },
      });
    }
    expect(await db.loanTransaction.count({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'REPAYMENT' } })).toBe(2);
    expect(await db.savingsTransaction.count({ where: { accountId: { in: accounts.map((a) => a.id) } } })).toBe(3);
  });

  it('a meeting with no money due is still a meeting: attendance and deposits are saved', async () => {
    // No loans; every member already paid June's minimum, so the sheet asks nothing at all.
    const { officer, group, members, accounts } = await groupWithLoans({ ...OPTIONS, borrowers: 0 });
    for (const account of accounts) await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-06-05', amount: '200.000' });
    const sheet = await getCollectionSheet(officer, group.id);
    expect(sheet).toMatchObject({ month: MONTH, upcoming: false, saved: null });
    expect(sheet.rows.flatMap((r) => [...r.loans.map((l) => l.due), ...r.savings.map((a) => a.expected)]).every((v) => v === 0n)).toBe(true);
    // One member was absent; one brought 100.000 more (June: 300.000 of the 500.000 allowed).
    const rows = fullRows(sheet).map((r) => ({
      ...r,
      attended: r.memberId !== members[2]!.id,
      savings: r.savings.map((a) => ({ ...a, amount: r.memberId === members[0]!.id ? '100.000' : '0' })),
    }));
    const saved = await saveCollectionSheet(officer, group.id, { month: MONTH, rows });
    expect(saved).toMatchObject({ totalLoans: 0n, totalSaving: 100_000n });
    const after = await getCollectionSheet(officer, group.id, MONTH);
    expect(after.rows.map((r) => [r.member.id, r.saved?.attended, r.saved?.savingsPaid])).toEqual(
      expect.arrayContaining([[members[0]!.id, true, 100_000n], [members[1]!.id, true, 0n], [members[2]!.id, false, 0n]]),
    );
  });

  it('cannot be saved before its collection day', async () => {
    const { officer, group } = await setup();
    // July's sheet is dated 15/07/2026, after today (20/06).
    const july = await getCollectionSheet(officer, group.id, '2026-07');
    expect(july.upcoming).toBe(true);
    expect(await failure(saveCollectionSheet(officer, group.id, { month: '2026-07', rows: fullRows(july) }))).toMatchObject({ code: 'VALIDATION', key: 'sheets.future', fields: ['month'] });
  });
});

describe('commune view and export', () => {
  it('lists the month\'s groups with the saved sheets\' totals', async () => {
    const { officer, group, commune } = await setup();
    // A second group of the same commune that has not handed in its sheet.
    const idle = await db.group.create({ data: { orgUnitId: commune.id, code: `${group.code}B`, name: 'Tổ chưa nộp', programmeKind: 'VBSP', meetingDay: 10 } });
    await saveCollectionSheet(officer, group.id, { month: MONTH, rows: fullRows(await getCollectionSheet(officer, group.id, MONTH)) });
    const view = await listSheets(officer, MONTH);
    // Ordered by collection day: the idle group meets on the 10th, ours on the 15th.
    expect(view.rows.map((r) => [r.group.id, r.date.toISOString().slice(0, 10), r.sheet?.totalLoans ?? null])).toEqual([
      [idle.id, '2026-06-10', null],
      [group.id, '2026-06-15', 1_068_200n],
    ]);
    expect(view).toMatchObject({ remitted: 1, totalLoans: 1_068_200n, totalSaving: 600_000n });
  });

  it('exports form 13/TD as XLSX: numbers Excel sums, what is due before the meeting, due and collected side by side after it', async () => {
    const { officer, group, members } = await setup();
    const keys = SHEET_COLUMNS.map((c) => c.key);
    const money = SHEET_COLUMNS.filter((c) => 'money' in c).map((c) => c.key);
    const exported = async () => {
      const { stream, fileName } = await exportCollectionSheet(officer, group.id, MONTH);
      expect(fileName).toBe(`bang-ke-13TD-${group.code}-${MONTH}.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(await streamToBuffer(stream)) as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const lines: Record<string, unknown>[] = [];
      let total: Record<string, unknown> = {};
      for (let r = HEADER_ROW + 1; r <= sheet.rowCount; r++) {
        const values = Object.fromEntries(keys.map((k, i) => [k, sheet.getRow(r).getCell(i + 1).value]));
        if (values.member === 'Tổng cộng') { total = values; break; }
        lines.push(values);
      }
      // Amounts are numeric cells, and the totals row is the sum of the lines.
      for (const key of money) {
        for (const line of lines) expect(line[key] === null || typeof line[key] === 'number', key).toBe(true);
        if (total[key] !== null && total[key] !== undefined) expect(total[key]).toBe(lines.reduce((s, l) => s + (typeof l[key] === 'number' ? l[key] : 0), 0));
      }
      return { sheet, lines, total };
    };

    const blank = await exported();
    expect(blank.sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
    expect(String(blank.sheet.getCell('A2').value)).toContain('13/TD');
    expect(String(blank.sheet.getCell('A5').value)).toContain(group.code);
    expect(blank.lines.map((v) => v.member).sort()).toEqual(members.map((m) => m.fullName).sort());
    // Due: interest 2 × 34.100 = 68.200, principal 2 × 500.000 = 1.000.000; savings 3 × 200.000 = 600.000.
    // Before the meeting the collected cells are empty, to be filled in.
    expect(blank.total).toMatchObject({ interestDue: 68_200, principalDue: 1_000_000, savingsDue: 600_000, interestPaid: null, principalPaid: null });
    expect(blank.lines.map((v) => v.attended)).toEqual(['', '', '']);

    const rows = fullRows(await getCollectionSheet(officer, group.id, MONTH));
    const absent = rows.find((r) => r.memberId === members[2]!.id)!;
    absent.attended = false;
    absent.savings = absent.savings.map((s) => ({ ...s, amount: '0' }));
    await saveCollectionSheet(officer, group.id, { month: MONTH, rows });
    const collected = await exported();
    // What was due at the meeting stays beside what was collected: loans in full, 2 × 200.000 of savings;
    // the difference is the absent member's savings.
    expect(collected.total).toMatchObject({
      interestDue: 68_200, principalDue: 1_000_000, savingsDue: 600_000,
      interestPaid: 68_200, principalPaid: 1_000_000, savingsPaid: 400_000, difference: -200_000,
    });
    const third = collected.lines.find((v) => v.member === members[2]!.fullName)!;
    expect([third.savingsPaid, third.attended, third.difference]).toEqual([0, 'vắng', -200_000]);
    expect(collected.lines.filter((v) => v.attended === 'x')).toHaveLength(2);
  });
});
