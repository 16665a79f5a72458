import ExcelJS from 'exceljs';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { setClock } from '@/lib/clock';
import { db } from '@/lib/db';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { groupWithLoans } from '@/tests/factories/collections';
import { failure } from '@/tests/factories/failure';
import { useTestDatabase } from '@/tests/setup/test-database';
import { exportCollectionSheet, getCollectionSheet, importFilledSheet, splitSavings } from './index';
import { HEADER_ROW, SHEET_COLUMNS } from './sheet-workbook';

// A filled form 13/TD imported back (issue 21, section 2). Same group as collections.test.ts: today
// 20/06/2026, the June sheet dated 15/06; each of the two loans asks 34.100 interest + 500.000
// principal; each of the three members 200.000 of member savings (TKTV).

useTestDatabase();
beforeEach(() => setClock('2026-06-20'));
afterAll(() => setClock(null));

const MONTH = '2026-06';
const GROUP = { meetingDay: 15, members: 3, borrowers: 2, loanAmount: '6.000.000', disbursedOn: '2026-05-15', savingsFrom: '2026-03-01' };
const col = (key: string) => SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;

/** The blank sheet downloaded, filled in Excel by `fill(row)` for each line under the header. */
async function filledSheet(officer: Parameters<typeof exportCollectionSheet>[0], groupId: string, fill: (row: ExcelJS.Row) => void) {
  const { stream } = await exportCollectionSheet(officer, groupId, MONTH);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await streamToBuffer(stream)) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  for (let r = HEADER_ROW + 1; sheet.getRow(r).getCell(col('member')).value !== 'Tổng cộng'; r++) fill(sheet.getRow(r));
  return { fileName: 'bang-ke-da-dien.xlsx', data: new Uint8Array(await book.xlsx.writeBuffer()) };
}

describe('importing a filled 13/TD sheet', () => {
  it('saves what the cells say, once: the same file again answers the saved sheet', async () => {
    const { officer, group, members, loans } = await groupWithLoans(GROUP);
    // Member 1 pays in full and saves 300.000; member 2 pays 400.000 of principal and is absent; member 3 saves 200.000.
    const cells: Record<string, Record<string, string | number>> = {
      [members[0]!.fullName]: { interestPaid: 34_100, principalPaid: 500_000, savingsPaid: 300_000 },
      [members[1]!.fullName]: { interestPaid: 34_100, principalPaid: '400.000', attended: 'vắng' },
      [members[2]!.fullName]: { savingsPaid: 200_000 },
    };
    const file = await filledSheet(officer, group.id, (row) => {
      for (const [key, value] of Object.entries(cells[String(row.getCell(col('member')).value)] ?? {})) row.getCell(col(key)).value = value;
    });
    const outcome = await importFilledSheet(officer, group.id, MONTH, file, 'vi');
    expect(outcome).toEqual({ ok: true, replayed: false, totalLoans: 534_100n + 434_100n, totalSaving: 500_000n });
    const saved = await getCollectionSheet(officer, group.id, MONTH);
    expect(saved.rows.map((r) => [r.saved?.attended, r.saved?.loanPaid, r.saved?.savingsPaid])).toEqual([
      [true, 534_100n, 300_000n], [false, 434_100n, 0n], [true, 0n, 200_000n],
    ]);
    const outstanding = await db.loan.findMany({ where: { id: { in: loans.map((l) => l.id) } }, select: { id: true, cachedOutstanding: true } });
    expect(outstanding.find((l) => l.id === loans[1]!.id)!.cachedOutstanding).toBe(5_600_000n);
    // Uploaded twice (a retry): nothing posts again.
    expect(await importFilledSheet(officer, group.id, MONTH, file, 'vi')).toMatchObject({ ok: true, replayed: true });
    expect(await db.loanTransaction.count({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'REPAYMENT' } })).toBe(2);
  });

  it('refuses a sheet with bad cells, naming row and column, and posts nothing', async () => {
    const { officer, group, members, loans } = await groupWithLoans(GROUP);
    const file = await filledSheet(officer, group.id, (row) => {
      const name = row.getCell(col('member')).value;
      if (name === members[0]!.fullName) row.getCell(col('principalPaid')).value = 'năm trăm nghìn';
      if (name === members[1]!.fullName) row.getCell(col('loan')).value = 'KU-KHONG-CO';
      if (name === members[2]!.fullName) row.getCell(col('savingsPaid')).value = 200_000;
    });
    const outcome = await importFilledSheet(officer, group.id, MONTH, file, 'vi');
    if (outcome.ok) throw new Error('accepted');
    expect(outcome.issues.map((i) => [i.row, i.column])).toEqual([[HEADER_ROW + 1, 'Gốc thực thu'], [HEADER_ROW + 2, 'Số khoản vay']]);
    expect(outcome.issues[1]!.message).toContain('KU-KHONG-CO');
    expect(await db.collectionSheet.count({ where: { groupId: group.id } })).toBe(0);
    expect(await db.loanTransaction.count({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'REPAYMENT' } })).toBe(0);
    // A blank sheet uploaded by mistake, or an overpaid loan, is refused as a whole too.
    expect((await failure(importFilledSheet(officer, group.id, MONTH, await filledSheet(officer, group.id, () => {}), 'vi'))).key).toBe('sheets.import.nothingFilled');
    const over = await filledSheet(officer, group.id, (row) => {
      if (row.getCell(col('member')).value === members[0]!.fullName) row.getCell(col('principalPaid')).value = 9_000_000;
    });
    expect((await failure(importFilledSheet(officer, group.id, MONTH, over, 'vi'))).key).toBe('sheets.rowError');
    expect(await db.collectionSheet.count({ where: { groupId: group.id } })).toBe(0);
  });

  it('splits one savings cell over a member’s accounts as they are due', () => {
    expect(splitSavings(250_000n, [{ accountId: 'a', expected: 200_000n }, { accountId: 'b', expected: 10_000n }])).toEqual([
      { accountId: 'a', amount: 240_000n }, { accountId: 'b', amount: 10_000n },
    ]);
    expect(splitSavings(150_000n, [{ accountId: 'a', expected: 200_000n }, { accountId: 'b', expected: 10_000n }])).toEqual([
      { accountId: 'a', amount: 150_000n }, { accountId: 'b', amount: 0n },
    ]);
  });
});
