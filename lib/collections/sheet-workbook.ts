import ExcelJS from 'exceljs';
import { FORM_13TD } from './form-13td';

// Form 13/TD as the bank prints it (issue 21, section 2): a title and the meeting's header (bank
// office, commune, group, leader, month, date), one row per loan — loan number, outstanding,
// interest and principal due, the member's savings due — then what was collected beside what was
// due (empty cells to fill in before the meeting), the difference, a signature column, a totals
// row, and the signatures block. Amounts are numbers (Excel sums them) shown with thousands
// separators; A4 landscape, fitted to the page width.

export interface SheetHeader {
  office: string | null;
  commune: string;
  group: string;
  leader: string | null;
  month: string;
  date: Date;
}

export interface SheetLine {
  member: string;
  /** The member's first line carries her savings; further loans of hers leave it empty. */
  first: boolean;
  loanNumber: string;
  outstanding: bigint;
  interestDue: bigint;
  principalDue: bigint;
  savingsDue: bigint;
  /** Null on the blank sheet (before the meeting): the cells stay empty to be filled in. */
  collected: { interest: bigint; principal: bigint; savings: bigint } | null;
  attended: boolean | null;
}

export const SHEET_COLUMNS = [
  { key: 'no', header: 'STT', width: 5 },
  { key: 'member', header: 'Họ và tên tổ viên', width: 26 },
  { key: 'loan', header: 'Số khoản vay', width: 20 },
  { key: 'outstanding', header: 'Dư nợ', width: 14, money: true },
  { key: 'interestDue', header: 'Lãi phải thu', width: 12, money: true },
  { key: 'principalDue', header: 'Gốc phải thu', width: 12, money: true },
  { key: 'savingsDue', header: 'Tiết kiệm phải gửi', width: 12, money: true },
  { key: 'interestPaid', header: 'Lãi thực thu', width: 12, money: true },
  { key: 'principalPaid', header: 'Gốc thực thu', width: 12, money: true },
  { key: 'savingsPaid', header: 'Tiết kiệm thực gửi', width: 12, money: true },
  { key: 'difference', header: 'Chênh lệch (thực thu − phải thu)', width: 14, money: true },
  { key: 'attended', header: 'Có mặt', width: 7 },
  { key: 'signature', header: 'Ký nhận', width: 14 },
] as const;

const MONEY = '#,##0';
/** The row of the column headers (1-based): the import of a filled sheet finds its rows below it. */
export const HEADER_ROW = 8;

export async function collectionSheetWorkbook(header: SheetHeader, lines: SheetLine[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`13-TD ${header.month}`.slice(0, 31), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
  });
  sheet.columns = SHEET_COLUMNS.map((c) => ({ key: c.key, width: c.width, style: 'money' in c ? { numFmt: MONEY } : {} }));
  const last = SHEET_COLUMNS.length;
  const line = (row: number, text: string, bold = false, center = false) => {
    sheet.mergeCells(row, 1, row, last);
    const cell = sheet.getCell(row, 1);
    cell.value = text;
    cell.font = { bold, size: bold ? 13 : 11 };
    if (center) cell.alignment = { horizontal: 'center' };
  };
  line(1, FORM_13TD.office(header.office));
  line(2, FORM_13TD.title, true, true);
  line(3, FORM_13TD.meeting(header.month, header.date), false, true);
  line(4, FORM_13TD.commune(header.commune));
  line(5, FORM_13TD.group(header.group));
  line(6, FORM_13TD.leader(header.leader));
  const head = sheet.getRow(HEADER_ROW);
  head.values = SHEET_COLUMNS.map((c) => c.header);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  head.height = 42;
  head.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F5F9' } };
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });

  const n = (v: bigint) => Number(v); // whole đồng: exact below 2^53
  let no = 0;
  for (const l of lines) {
    if (l.first) no += 1;
    const due = l.interestDue + l.principalDue + (l.first ? l.savingsDue : 0n);
    const paid = l.collected ? l.collected.interest + l.collected.principal + (l.first ? l.collected.savings : 0n) : null;
    const row = sheet.addRow({
      no: l.first ? no : null, member: l.first ? l.member : '', loan: l.loanNumber, outstanding: n(l.outstanding),
      interestDue: n(l.interestDue), principalDue: n(l.principalDue), savingsDue: l.first ? n(l.savingsDue) : null,
      interestPaid: l.collected ? n(l.collected.interest) : null, principalPaid: l.collected ? n(l.collected.principal) : null,
      savingsPaid: l.collected && l.first ? n(l.collected.savings) : null, difference: paid === null ? null : n(paid - due),
      attended: l.attended === null || !l.first ? '' : l.attended ? 'x' : FORM_13TD.absent, signature: '',
    });
    row.height = 20;
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { bottom: { style: 'hair' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
  }
  const total = (key: string) => {
    let sum = 0;
    sheet.getColumn(key).eachCell((cell, rowNumber) => {
      if (rowNumber > HEADER_ROW && typeof cell.value === 'number') sum += cell.value;
    });
    return sum;
  };
  const filled = lines.some((l) => l.collected);
  const totals = sheet.addRow({
    member: FORM_13TD.total, outstanding: total('outstanding'), interestDue: total('interestDue'), principalDue: total('principalDue'), savingsDue: total('savingsDue'),
    ...(filled ? { interestPaid: total('interestPaid'), principalPaid: total('principalPaid'), savingsPaid: total('savingsPaid'), difference: total('difference') } : {}),
  });
  totals.font = { bold: true };
  totals.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = { top: { style: 'thin' }, bottom: { style: 'double' }, left: { style: 'thin' }, right: { style: 'thin' } };
  });

  // Signatures: the group leader who collected, the commune officer who checked, the bank's officer who received.
  const at = totals.number + 2;
  const [leader, officer, bank] = FORM_13TD.signatures;
  const blocks: [number, number, string][] = [[1, 4, leader], [5, 8, officer], [9, last, bank]];
  for (const [from, to, title] of blocks) {
    sheet.mergeCells(at, from, at, to);
    sheet.getCell(at, from).value = title;
    sheet.getCell(at, from).font = { bold: true };
    sheet.getCell(at, from).alignment = { horizontal: 'center' };
    sheet.mergeCells(at + 1, from, at + 1, to);
    sheet.getCell(at + 1, from).value = FORM_13TD.signHint;
    sheet.getCell(at + 1, from).alignment = { horizontal: 'center' };
    sheet.getCell(at + 1, from).font = { italic: true, size: 10 };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
