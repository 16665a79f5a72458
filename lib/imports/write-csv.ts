import { escapeCell } from './cell-escape';
import { formatCsvRecord, type CsvDelimiter } from './csv';
import { nextTurn, ROWS_BETWEEN_TURNS } from './next-turn';
import type { RowSource, TableSpec } from './types';
import { toWebStream } from './web-stream';

const BOM = '\uFEFF';
// Rows are encoded in batches: one chunk per row would cost more in stream overhead than in text.
const ROWS_PER_CHUNK = 200;

/**
 * CSV as Excel opens it correctly in Vietnamese: UTF-8 with BOM (without it Excel shows
 * "Nguyá»…n"), "," (or ";", for Excel with Vietnamese regional settings) and CRLF, the spec's Vietnamese headers, formula-like values escaped.
 */
export function writeCsv(spec: TableSpec, rows: RowSource, delimiter: CsvDelimiter = ','): ReadableStream<Uint8Array> {
  return toWebStream(encodeCsv(spec, rows, delimiter));
}

async function* encodeCsv(spec: TableSpec, rows: RowSource, delimiter: CsvDelimiter): AsyncGenerator<Uint8Array> {
  const encoder = new TextEncoder();
  let chunk = BOM + formatCsvRecord(spec.columns.map((column) => escapeCell(column.header)), delimiter);
  let count = 0;
  for await (const row of rows) {
    chunk += formatCsvRecord(spec.columns.map((column) => escapeCell(row[column.key] ?? '')), delimiter);
    count += 1;
    if (count % ROWS_PER_CHUNK === 0) {
      yield encoder.encode(chunk);
      chunk = '';
    }
    if (count % ROWS_BETWEEN_TURNS === 0) await nextTurn();
  }
  yield encoder.encode(chunk);
}
