import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { FORMULA, type RawCell, type RawRow } from './assemble-table';
import { recordsForStreaming } from './xlsx-entries';

/**
 * Streams the rows of the workbook's first worksheet (templates put the data sheet first, the
 * instructions after it). Rows are parsed one at a time; stopping the iteration stops the unzip.
 * Throws exceljs' own errors for files it cannot open (the caller reports them as unreadable), and
 * imports.file.* for a zip bomb, before anything is inflated for exceljs (lib/imports/xlsx-entries).
 */
export async function* readXlsxRows(data: Uint8Array): AsyncGenerator<RawRow> {
  const records = await recordsForStreaming(data);
  const input = Readable.from(records.map((bytes) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles are needed to tell a date from a number: without them a date arrives as 45356.
    styles: 'cache',
    worksheets: 'emit',
  });
  // With the shared strings (if any) now ahead of the sheet, tell exceljs it need not wait for
  // them: it then reads the sheet straight from the zip instead of through a temporary file.
  Object.assign(workbook, { sharedStrings: [] });
  try {
    for await (const worksheet of workbook) {
      for await (const row of worksheet) {
        const cells: RawCell[] = [];
        row.eachCell((cell, column) => {
          cells[column - 1] = cellToRaw(cell.value);
        });
        yield { rowNumber: row.number, cells: Array.from(cells, (cell) => cell ?? '') };
      }
      return;
    }
    throw new Error('workbook without worksheets');
  } finally {
    input.destroy();
  }
}

function cellToRaw(value: unknown): RawCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value);
  // A shared formula's dependent cells carry an empty formula text, hence "in", not truthiness.
  if ('formula' in value || 'sharedFormula' in value) return FORMULA;
  if ('richText' in value && Array.isArray(value.richText)) {
    return value.richText.map((run: { text?: unknown }) => String(run.text ?? '')).join('');
  }
  if ('text' in value) return cellToRaw(value.text);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * 1e21 → "1000000000000000000000", 1.5e-7 → "0.00000015": the number as digits, the way an
 * officer typed it, never in exponent form. (Excel has no thousands separators in the file.)
 */
export function plainNumber(value: number): string {
  const text = String(value);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponent] = match;
  const digits = lead + fraction;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
