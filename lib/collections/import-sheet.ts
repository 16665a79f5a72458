import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { FORMULA, type RawCell } from '@/lib/imports/assemble-table';
import { issue, type RowIssue } from '@/lib/imports/kinds/kind';
import { foldVietnamese } from '@/lib/imports/normalize';
import { readingFile, type ImportFile } from '@/lib/imports/read-table';
import { translateIssues } from '@/lib/imports/run-import';
import type { ImportIssue } from '@/lib/imports/types';
import { readXlsxRows } from '@/lib/imports/xlsx-read';
import { parseMoney } from '@/lib/money';
import { getCollectionSheet } from './get-collection-sheet';
import { saveCollectionSheet } from './save-collection-sheet';
import { HEADER_ROW, SHEET_COLUMNS } from './sheet-workbook';

// A filled form 13/TD brought back (issue 21, section 2): an officer without a connection downloads
// the blank sheet, fills the "thực thu" cells in Excel at the meeting and uploads it. Every line is
// checked first — a problem anywhere and nothing is posted, each problem named by its Excel row and
// column — then the sheet is saved exactly as from the form (one transaction), with a key derived
// from the file's content: uploading the same file again answers the sheet already saved.

const column = (key: (typeof SHEET_COLUMNS)[number]['key']) => SHEET_COLUMNS.findIndex((c) => c.key === key);
const SPEC = { kind: 'Bảng kê 13/TD', columns: SHEET_COLUMNS.map((c) => ({ key: c.key, header: c.header, description: '', example: '' })) };
const text = (cell: RawCell | undefined) => (cell === undefined || cell === FORMULA ? '' : cell.trim());

export type SheetImportOutcome =
  | { ok: false; issues: ImportIssue[] }
  | { ok: true; replayed: boolean; totalLoans: bigint; totalSaving: bigint };

export async function importFilledSheet(actor: Actor, groupId: string, month: string, file: ImportFile, locale: Locale): Promise<SheetImportOutcome> {
  assertCan(actor, 'loan:apply');
  assertCan(actor, 'savings:post');
  const sheet = await getCollectionSheet(actor, groupId, month);
  if (sheet.upcoming) throw new AppError('VALIDATION', 'sheets.future', {}, { month: { key: 'sheets.future' } });
  const isZip = file.data[0] === 0x50 && file.data[1] === 0x4b;
  if (!isZip) throw new AppError('VALIDATION', 'sheets.import.notXlsx', {}, { file: { key: 'sheets.import.notXlsx' } });

  const issues: RowIssue[] = [];
  const paid = new Map<string, { loans: Map<string, bigint>; savings: bigint; attended: boolean }>();
  let anyFilled = false;
  await readingFile(async () => {
    let member: (typeof sheet.rows)[number] | undefined;
    for await (const raw of readXlsxRows(file.data)) {
      const cells = raw.cells;
      if (raw.rowNumber === HEADER_ROW) {
        if (SHEET_COLUMNS.some((c, i) => foldVietnamese(text(cells[i])) !== foldVietnamese(c.header))) throw new AppError('VALIDATION', 'sheets.import.wrongForm');
        continue;
      }
      if (raw.rowNumber < HEADER_ROW) continue;
      if (text(cells[column('member')]) === 'Tổng cộng') break;
      const at = (key: (typeof SHEET_COLUMNS)[number]['key'], messageKey: string, params: Record<string, string | number> = {}) =>
        issues.push(issue(raw.rowNumber, key, messageKey, params));
      const no = text(cells[column('no')]);
      if (no) {
        member = sheet.rows[Number(no) - 1];
        const name = text(cells[column('member')]);
        if (!member || foldVietnamese(member.member.fullName) !== foldVietnamese(name)) {
          at('member', 'sheets.import.notOnSheet', { name, no });
          member = undefined;
          continue;
        }
        paid.set(member.member.id, { loans: new Map(), savings: 0n, attended: text(cells[column('attended')]).toLowerCase() !== 'vắng' });
      }
      if (!member) continue;
      const amountOf = (key: 'interestPaid' | 'principalPaid' | 'savingsPaid'): bigint => {
        const cell = cells[column(key)];
        if (cell === FORMULA) at(key, 'imports.cell.formula', { row: raw.rowNumber, column: SPEC.columns[column(key)]!.header });
        if (!text(cell)) return 0n;
        anyFilled = true;
        const parsed = parseMoney(text(cell));
        if (parsed.ok) return parsed.value;
        at(key, `validation.money.${parsed.error}`, { field: key });
        return 0n;
      };
      const entry = paid.get(member.member.id)!;
      const loanNumber = text(cells[column('loan')]);
      const loanPaid = amountOf('interestPaid') + amountOf('principalPaid');
      if (no) entry.savings = amountOf('savingsPaid');
      if (!loanNumber) continue;
      const loan = member.loans.find((l) => l.number === loanNumber);
      if (!loan) at('loan', 'sheets.import.unknownLoan', { number: loanNumber, name: member.member.fullName });
      else entry.loans.set(loan.loanId, (entry.loans.get(loan.loanId) ?? 0n) + loanPaid);
    }
  });
  if (issues.length > 0) return { ok: false, issues: translateIssues(SPEC, issues, locale) };
  if (!anyFilled) throw new AppError('VALIDATION', 'sheets.import.nothingFilled');
  const missing = sheet.rows.find((row) => !paid.has(row.member.id));
  if (missing) throw new AppError('VALIDATION', 'sheets.import.memberMissing', { name: missing.member.fullName });

  const saved = await saveCollectionSheet(actor, groupId, {
    month: sheet.month,
    idempotencyKey: `xlsx:${createHash('sha256').update(file.data).digest('hex').slice(0, 40)}`,
    rows: sheet.rows.map((row) => {
      const entry = paid.get(row.member.id)!;
      return {
        memberId: row.member.id,
        attended: entry.attended,
        loans: row.loans.map((l) => ({ loanId: l.loanId, amount: String(entry.loans.get(l.loanId) ?? 0n) })),
        savings: splitSavings(entry.savings, row.savings).map((s) => ({ accountId: s.accountId, amount: String(s.amount) })),
      };
    }),
  });
  return { ok: true, replayed: saved.replayed, totalLoans: saved.totalLoans, totalSaving: saved.totalSaving };
}

/** The sheet has one savings cell per member: each account gets what it expected, in order; the rest goes to the first. */
export function splitSavings(total: bigint, accounts: { accountId: string; expected: bigint }[]) {
  let left = total;
  const amounts = accounts.map((a) => {
    const amount = left < a.expected ? left : a.expected;
    left -= amount;
    return { accountId: a.accountId, amount };
  });
  if (left > 0n && amounts[0]) amounts[0].amount += left;
  return amounts;
}
