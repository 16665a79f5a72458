// The shape of an import/export table, shared by every register (org units, groups, members,
// loans...). Kind-specific importers describe their columns with a TableSpec and validate the
// rows themselves; this module only moves strings between files and rows.

/** 20 MB: a commune's register is a few hundred kilobytes; more is a mistake or an attack. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 50_000;
/** No register field is longer than an address; a longer cell is refused, not kept in memory. */
export const MAX_CELL_CHARS = 2000;

export interface ColumnSpec {
  key: string;
  /** Vietnamese header as printed in templates. */
  header: string;
  /** Other headers officers use for the same column (old templates, bank registers). */
  aliases?: string[];
  required?: boolean;
  /** Shown in the instructions sheet. */
  description: string;
  example: string;
}

export interface TableSpec {
  /** Named in the wrong-template message, so use words an officer recognises ("Danh sách hội viên"). */
  kind: string;
  columns: ColumnSpec[];
  /** Defaults to MAX_IMPORT_ROWS. */
  maxRows?: number;
}

export interface TableRow {
  /** The row number the officer sees in Excel (the header is usually row 1). */
  rowNumber: number;
  /** Every spec column key: trimmed, NFC-normalised text, '' when empty or when the column is absent. */
  values: Record<string, string>;
}

export interface Table {
  rows: TableRow[];
  /** Headers in the file that match no column: ignored, shown to the officer as a warning. */
  extraHeaders: string[];
}

export interface ImportIssue {
  row: number;
  /** Vietnamese header, or null when the issue concerns the whole row. */
  column: string | null;
  /** Ready-to-show text (already translated). */
  message: string;
}

export type RowSource = AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>;
