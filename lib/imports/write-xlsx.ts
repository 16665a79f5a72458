import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translate';
import { escapeCell } from './cell-escape';
import type { RowSource, TableSpec } from './types';
import { nextTurn, ROWS_BETWEEN_TURNS } from './next-turn';
import { toWebStream } from './web-stream';

export const DATA_SHEET = 'Dữ liệu';
export const INSTRUCTIONS_SHEET = 'Hướng dẫn';
// "@" is Excel's Text format: an ID typed later into the template keeps its leading zeros.
const TEXT: Partial<ExcelJS.Style> = { numFmt: '@' };

export interface WriteXlsxOptions {
  sheetName?: string;
  /** Adds the "Hướng dẫn" sheet describing each column. */
  instructions?: boolean;
  /** A last column (e.g. the error report's "Lỗi"), valued by the 0-based index of the row. */
  extraColumn?: { header: string; values: Map<number, string> };
  /** Language of the instructions' labels; column headers are always the spec's Vietnamese. */
  locale?: Locale;
}

/**
 * A workbook streamed row by row (100k rows in bounded memory). Every cell is text, never a
 * formula nor a number, so IDs keep their zeros and formula-like values cannot run.
 */
export function writeXlsx(spec: TableSpec, rows: RowSource, options: WriteXlsxOptions = {}): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  fillWorkbook(workbook, output, spec, rows, options).catch((error: unknown) => output.destroy(error as Error));
  return toWebStream(output);
}

async function fillWorkbook(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  output: PassThrough,
  spec: TableSpec,
  rows: RowSource,
  options: WriteXlsxOptions,
): Promise<void> {
  const { extraColumn } = options;
  const sheet = workbook.addWorksheet(options.sheetName ?? DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    ...spec.columns.map((column) => ({ width: widthFor(column.header, column.example), style: TEXT })),
    ...(extraColumn ? [{ width: 60, style: TEXT }] : []),
  ];
  const headers = spec.columns.map((column) => column.header);
  addTextRow(sheet, extraColumn ? [...headers, extraColumn.header] : headers, true);
  let index = 0;
  for await (const row of rows) {
    // The reader went away (download cancelled): stop producing rows nobody will read.
    if (output.destroyed) return;
    const values = spec.columns.map((column) => row[column.key] ?? '');
    addTextRow(sheet, extraColumn ? [...values, extraColumn.values.get(index) ?? ''] : values, false, TEXT);
    index += 1;
    if (index % ROWS_BETWEEN_TURNS === 0) await waitForReader(output);
  }
  sheet.commit();
  if (options.instructions) addInstructions(workbook, spec, options.locale ?? 'vi');
  await workbook.commit();
}

function addInstructions(workbook: ExcelJS.stream.xlsx.WorkbookWriter, spec: TableSpec, locale: Locale): void {
  const t = translator(locale);
  const sheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  sheet.columns = [{ width: 30 }, { width: 12 }, { width: 60 }, { width: 30 }];
  addTextRow(sheet, [t('imports.instructions.intro', { sheet: DATA_SHEET })]);
  addTextRow(sheet, []);
  const labels = ['column', 'required', 'description', 'example'] as const;
  addTextRow(sheet, labels.map((label) => t(`imports.instructions.${label}`)), true);
  for (const column of spec.columns) {
    const required = t(column.required ? 'imports.instructions.yes' : 'imports.instructions.no');
    addTextRow(sheet, [column.header, required, column.description, column.example]);
  }
  sheet.commit();
}

/** A row of text cells; `style`, when every cell has it, is given to each as one shared object. */
function addTextRow(sheet: ExcelJS.Worksheet, values: string[], bold = false, style?: Partial<ExcelJS.Style>): void {
  const row = sheet.addRow(values.map(escapeCell));
  if (bold) row.font = { bold: true };
  // Else each new cell gets its own copy of the column's style, which ExcelJS renders to XML to find
  // its style id — over half the time of a 100,000-row export; a shared object is looked up once.
  else if (style) row.eachCell({ includeEmpty: true }, (cell) => void (cell.style = style));
  row.commit();
}

function widthFor(...texts: string[]): number {
  return Math.min(50, Math.max(12, ...texts.map((text) => text.length + 2)));
}

/**
 * Every few hundred rows: gives the event loop a turn (other requests, and the zip catching up),
 * then waits while the reader is behind (bounded memory for large workbooks).
 */
export async function waitForReader(output: PassThrough): Promise<void> {
  await nextTurn();
  if (!output.writableNeedDrain || output.destroyed) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('close', done);
      resolve();
    };
    output.on('drain', done);
    output.on('close', done);
  });
}
