import { assembleTable, type RawRow } from '@/lib/imports/assemble-table';
import { foldVietnamese } from '@/lib/imports/normalize';
import { rawRowsOf, readingFile, type ImportFile } from '@/lib/imports/read-table';
import { importError } from '@/lib/imports/import-error';
import type { Table, TableSpec } from '@/lib/imports/types';

// The bank's monthly list of a commune, as its transaction office exports it: one row per borrower
// or loan, under a header row that may follow a few title lines. Offices name their columns
// differently, so the officer chooses which column is which (remembered per office); the usual
// names are recognised to propose a choice.

export const BANK_LIST_FIELDS = ['loanNumber', 'nationalId', 'borrowerName', 'outstanding', 'interestPaid', 'savingsBalance'] as const;
export type BankListField = (typeof BANK_LIST_FIELDS)[number];
/** Field → the file's header text. */
export type BankListColumns = Partial<Record<BankListField, string>>;

const USUAL_HEADERS: Record<BankListField, string[]> = {
  loanNumber: ['Số khoản vay', 'Số khế ước', 'Số KU', 'Mã khoản vay', 'Mã KU', 'Số hợp đồng', 'Số HĐTD', 'Số tài khoản vay'],
  nationalId: ['Số CCCD', 'CCCD', 'CMND', 'Số CMND', 'CCCD/CMND', 'Số định danh', 'Số CMND/CCCD'],
  borrowerName: ['Họ tên', 'Họ và tên', 'Tên khách hàng', 'Khách hàng', 'Người vay', 'Họ tên người vay', 'Tên người vay'],
  outstanding: ['Dư nợ', 'Dư nợ cuối tháng', 'Dư nợ cuối kỳ', 'Số dư nợ', 'Dư nợ hiện tại'],
  interestPaid: ['Lãi thu trong tháng', 'Lãi đã thu', 'Lãi thực thu', 'Lãi thu', 'Tiền lãi', 'Lãi đã trả'],
  savingsBalance: ['Số dư tiết kiệm', 'Tiết kiệm', 'Số dư TK', 'Tiền gửi tiết kiệm', 'Số dư tiền gửi'],
};

/** A header row has at least this many filled cells; title lines above it have fewer. */
const MIN_HEADER_CELLS = 3;
/** Title lines the office puts above the header row. */
const MAX_TITLE_ROWS = 30;

const isUsualHeader = (header: string) => Object.values(USUAL_HEADERS).some((names) => names.some((n) => foldVietnamese(n) === foldVietnamese(header)));

/** The file's header row: its number and its headers (the officer chooses among them). */
export async function readBankListHeaders(file: ImportFile): Promise<{ headerRow: number; headers: string[] }> {
  return readingFile(async () => {
    for await (const raw of rawRowsOf(file, isUsualHeader)) {
      const headers = headerCells(raw);
      if (headers) return { headerRow: raw.rowNumber, headers };
      if (raw.rowNumber >= MAX_TITLE_ROWS) break;
    }
    throw importError('file.empty');
  });
}

function headerCells(raw: RawRow): string[] | null {
  const cells = raw.cells.map((c) => (typeof c === 'string' ? c.trim() : ''));
  return cells.filter((c) => c !== '').length >= MIN_HEADER_CELLS ? cells.filter((c) => c !== '') : null;
}

/** The usual column for each field among the file's headers (the officer confirms or changes it). */
export function guessColumns(headers: string[]): BankListColumns {
  const columns: BankListColumns = {};
  for (const field of BANK_LIST_FIELDS) {
    const found = headers.find((h) => USUAL_HEADERS[field].some((n) => foldVietnamese(n) === foldVietnamese(h)));
    if (found) columns[field] = found;
  }
  return columns;
}

/** Remembered columns, when every one of them is still in the file; else the usual ones. */
export function proposeColumns(headers: string[], remembered: BankListColumns | null): BankListColumns {
  const folded = new Set(headers.map(foldVietnamese));
  if (remembered && Object.values(remembered).every((h) => h && folded.has(foldVietnamese(h)))) return remembered;
  return guessColumns(headers);
}

/** The rows under the header row, as text keyed by field; the columns name the file's headers. */
export async function readBankList(file: ImportFile, columns: BankListColumns, headerRow: number): Promise<Table> {
  return readingFile(async () => assembleTable(rowsFrom(rawRowsOf(file, isUsualHeader), headerRow), specOf(columns)));
}

/** The chosen columns as a table spec: problems then name the file's own headers. */
export function specOf(columns: BankListColumns): TableSpec {
  return {
    kind: 'Danh sách đối chiếu của NHCSXH',
    columns: BANK_LIST_FIELDS.filter((f) => columns[f]).map((f) => ({ key: f, header: columns[f]!, description: '', example: '' })),
  };
}

async function* rowsFrom(rows: AsyncIterable<RawRow> | Iterable<RawRow>, first: number): AsyncGenerator<RawRow> {
  for await (const row of rows) if (row.rowNumber >= first) yield row;
}
