import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { escapeCell } from '@/lib/imports/cell-escape';
import type { TableSpec } from '@/lib/imports/types';
import { toWebStream } from '@/lib/imports/web-stream';
import type { CsvDelimiter } from '@/lib/imports/csv';
import { writeCsv } from '@/lib/imports/write-csv';
import { asOfNotice } from './as-of';
import { waitForReader } from '@/lib/imports/write-xlsx';

// A report as a table: typed columns, rows, a totals row. One object feeds the page, the JSON, the
// XLSX (numbers as numbers with thousands separators, bold Vietnamese headers, frozen header, totals
// row, A4 landscape, fit to width) and the CSV, so they cannot disagree.

export type Cell = string | bigint | number | null;
export interface ReportColumn {
  key: string;
  header: string;
  type: 'text' | 'money' | 'int' | 'ratio';
  width?: number;
}
export interface TabularReport {
  kind: string;
  title: string;
  /** What the figures cover, e.g. "Hội LHPN huyện Ý Yên · đến 30/11/2026". */
  subtitle: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
  totals: Record<string, Cell> | null;
  /** Null when the figures are current; else the instant they are complete up to (read from a replica behind: decision 021). */
  asOf: Date | null;
  /** The members a list of people names (not a column): recorded with its export (decision 025). */
  memberIds?: string[];
}

const text = (value: Cell) => (value === null ? '' : String(value));

/** Sums the money and count columns of the rows (the totals row of a list). */
export function totalsOf(columns: ReportColumn[], rows: Record<string, Cell>[], label: string): Record<string, Cell> {
  const totals: Record<string, Cell> = {};
  for (const c of columns) {
    if (c.type === 'money') totals[c.key] = rows.reduce((s, r) => s + BigInt((r[c.key] as bigint | number | null) ?? 0), 0n);
    else if (c.type === 'int') totals[c.key] = rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0);
    else totals[c.key] = null;
  }
  totals[columns[0]!.key] = label;
  return totals;
}

/** Called with the number of rows written so far (every few hundred rows, and at the end). */
export type OnProgress = (rowsDone: number) => void;
const EVERY = 500;

export function reportCsv(report: TabularReport, onProgress?: OnProgress, delimiter: CsvDelimiter = ','): ReadableStream<Uint8Array> {
  const spec: TableSpec = { kind: report.title, columns: report.columns.map((c) => ({ key: c.key, header: c.header, description: '', example: '' })) };
  const all = [...report.rows, ...(report.totals ? [report.totals] : [])];
  function* rows() {
    for (const [i, r] of all.entries()) {
      if (onProgress && i % EVERY === 0) onProgress(Math.min(i, report.rows.length));
      yield Object.fromEntries(report.columns.map((c) => [c.key, text(r[c.key] ?? null)]));
    }
    onProgress?.(report.rows.length);
  }
  return writeCsv(spec, rows(), delimiter);
}

export function reportXlsx(report: TabularReport, onProgress?: OnProgress): ReadableStream<Uint8Array> {
  const output = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  fill(workbook, output, report, onProgress).catch((error: unknown) => output.destroy(error as Error));
  return toWebStream(output);
}

async function fill(workbook: ExcelJS.stream.xlsx.WorkbookWriter, output: PassThrough, report: TabularReport, onProgress?: OnProgress) {
  const sheet = workbook.addWorksheet(report.title.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 3 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' },
  });
  sheet.columns = report.columns.map((c) => ({
    width: c.width ?? (c.type === 'text' ? Math.max(14, c.header.length + 2) : 16),
    style: c.type === 'money' || c.type === 'int' ? { numFmt: '#,##0' } : c.type === 'ratio' ? { numFmt: '0.00%' } : { numFmt: '@' },
  }));
  const title = sheet.addRow([report.title]);
  title.font = { bold: true, size: 13 };
  title.commit();
  sheet.addRow([report.asOf ? `${report.subtitle} · ${asOfNotice(report.asOf)}` : report.subtitle]).commit();
  const header = sheet.addRow(report.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF1F5F9' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  header.commit();
  const valueOf = (c: ReportColumn, v: Cell) => {
    if (v === null || v === undefined) return null;
    if (c.type === 'text') return escapeCell(String(v));
    return Number(v); // whole đồng and counts: exact below 2^53
  };
  for (const [i, r] of report.rows.entries()) {
    if (output.destroyed) return;
    sheet.addRow(report.columns.map((c) => valueOf(c, r[c.key] ?? null))).commit();
    if ((i + 1) % EVERY === 0) {
      onProgress?.(i + 1);
      await waitForReader(output);
    }
  }
  onProgress?.(report.rows.length);
  if (report.totals) {
    const totals = sheet.addRow(report.columns.map((c) => valueOf(c, report.totals![c.key] ?? null)));
    totals.font = { bold: true };
    totals.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
    totals.commit();
  }
  sheet.commit();
  await workbook.commit();
}
