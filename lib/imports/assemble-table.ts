import { headerMatcher } from './headers';
import { columnLetter, importError } from './import-error';
import { normalizeCell } from './normalize';
import { MAX_CELL_CHARS, MAX_IMPORT_ROWS, type ColumnSpec, type Table, type TableRow, type TableSpec } from './types';

/** A spreadsheet cell holding a formula: its cached result may be stale or missing, so it is refused. */
export const FORMULA: unique symbol = Symbol('formula');
export type RawCell = string | typeof FORMULA;
export interface RawRow {
  rowNumber: number;
  cells: RawCell[];
}

interface Layout {
  /** Spec column of each file column (sparse: unknown columns are holes). */
  columns: ColumnSpec[];
  extraHeaders: string[];
}

/**
 * Turns a file's rows (from CSV or XLSX alike) into a Table: the first non-blank row is the
 * header, blank rows are skipped without renumbering, and reading stops at the first row past
 * the limit so a huge file costs no more than the limit.
 */
export async function assembleTable(source: AsyncIterable<RawRow> | Iterable<RawRow>, spec: TableSpec): Promise<Table> {
  const maxRows = spec.maxRows ?? MAX_IMPORT_ROWS;
  const rows: TableRow[] = [];
  let layout: Layout | undefined;
  for await (const raw of source) {
    if (!layout) {
      if (raw.cells.some((cell) => cell === FORMULA || cell.trim() !== '')) layout = readHeader(raw, spec);
      continue;
    }
    const row = readRow(raw, layout, spec);
    if (!row) continue;
    if (rows.length === maxRows) throw importError('file.tooManyRows', { max: maxRows });
    rows.push(row);
  }
  if (!layout) throw importError('file.empty');
  return { rows, extraHeaders: layout.extraHeaders };
}

function readHeader(raw: RawRow, spec: TableSpec): Layout {
  const match = headerMatcher(spec);
  const columns: ColumnSpec[] = [];
  const extraHeaders: string[] = [];
  raw.cells.forEach((cell, index) => {
    // A header cell has no column name yet: the officer finds it by its letter.
    const header = cellText(cell, raw.rowNumber, columnLetter(index));
    if (header === '') return;
    const column = match(header);
    if (column && !columns.includes(column)) columns[index] = column;
    else extraHeaders.push(header);
  });
  if (columns.length === 0) throw importError('file.wrongKind', { kind: spec.kind });
  const missing = spec.columns.filter((column) => column.required && !columns.includes(column));
  if (missing.length > 0) {
    throw importError('file.missingColumns', { columns: missing.map((column) => column.header).join(', ') });
  }
  return { columns, extraHeaders };
}

function readRow(raw: RawRow, layout: Layout, spec: TableSpec): TableRow | null {
  const values: Record<string, string> = Object.fromEntries(spec.columns.map((column) => [column.key, '']));
  let blank = true;
  layout.columns.forEach((column, index) => {
    const value = cellText(raw.cells[index] ?? '', raw.rowNumber, column.header);
    values[column.key] = value;
    if (value !== '') blank = false;
  });
  return blank ? null : { rowNumber: raw.rowNumber, values };
}

function cellText(cell: RawCell, row: number, column: string): string {
  if (cell === FORMULA) throw importError('cell.formula', { row, column });
  const text = normalizeCell(cell);
  if (text.length > MAX_CELL_CHARS) throw importError('cell.tooLong', { row, column, max: MAX_CELL_CHARS });
  return text;
}
