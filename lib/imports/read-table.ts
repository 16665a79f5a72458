import { AppError } from '@/lib/errors';
import { assembleTable, type RawRow } from './assemble-table';
import { detectDelimiter, parseCsv } from './csv';
import { headerMatcher } from './headers';
import { importError } from './import-error';
import { MAX_IMPORT_BYTES, type Table, type TableSpec } from './types';
import { readXlsxRows } from './xlsx-read';

export interface ImportFile {
  /** Informational only: the format is decided by content, since officers rename files freely. */
  fileName: string;
  data: Uint8Array;
}

/**
 * Reads an officer's register (XLSX or CSV in UTF-8) into trimmed text rows keyed by the spec's
 * columns. Every problem with the file itself is a VALIDATION AppError with a catalogue key
 * (imports.file.*, imports.cell.*) the officer can act on; the values are checked by the caller.
 */
export async function readTable(input: ImportFile, spec: TableSpec): Promise<Table> {
  const match = headerMatcher(spec);
  return readingFile(() => assembleTable(rawRowsOf(input, (header) => match(header) !== undefined), spec));
}

/**
 * The file's rows as text cells, XLSX or CSV alike (the CSV delimiter is the one that splits a row
 * into known headers), after the checks every upload gets: size, emptiness, encoding.
 */
export function rawRowsOf(input: ImportFile, isKnownHeader: (header: string) => boolean): AsyncIterable<RawRow> | Iterable<RawRow> {
  const { data } = input;
  if (data.byteLength > MAX_IMPORT_BYTES) {
    throw importError('file.tooLarge', { maxMb: MAX_IMPORT_BYTES / (1024 * 1024) });
  }
  if (data.byteLength === 0) throw importError('file.empty');
  if (isZip(data)) return readXlsxRows(data);
  return csvRows(decodeUtf8(data), isKnownHeader);
}

/** Runs a read of the file's rows: a zip exceljs cannot open (a .docx, a truncated download) is a file to re-save, not a crash. */
export async function readingFile<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw importError('file.unreadable');
  }
}

function isZip(data: Uint8Array): boolean {
  return data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
}

/** UTF-8 with or without BOM; anything else (old .xls, UTF-16, images) is refused, never guessed. */
function decodeUtf8(data: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw importError('file.unreadable');
  }
  // NUL never occurs in a text register but fills binary files that happen to be valid UTF-8.
  if (text.includes('\u0000')) throw importError('file.unreadable');
  return text;
}

function* csvRows(text: string, isKnownHeader: (header: string) => boolean): Generator<RawRow> {
  const delimiter = detectDelimiter(text, isKnownHeader);
  let rowNumber = 0;
  for (const cells of parseCsv(text, delimiter)) {
    rowNumber += 1;
    yield { rowNumber, cells };
  }
}
