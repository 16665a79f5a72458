import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '@/lib/text/clean-text';
import { readTable } from './read-table';
import { memberSpec } from './test-fixtures';
import { streamToBuffer } from './web-stream';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

const keys = memberSpec.columns.map((column) => column.key);
// What a register keeps of a value: line breaks as "\n", composed accents, no invisible or
// direction-changing characters (issue 22 §8), no outer spaces.
const kept = (value: string) => cleanText(value).trim();

const tricky = ['"', ',', ';', '\n', '\r', '\r\n', '\t', ' ', '=', '+', '-', '@', "'", 'ễ', 'Đ', '0', '5', '.'];
// Any Unicode except NUL, which only binary files contain and which readTable refuses as such.
const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((char) => char !== '\u0000');
const csvValue = fc.string({ unit: fc.oneof(fc.constantFrom(...tricky), anyChar), maxLength: 12 });
// XML turns a stored CR into LF and cannot hold control characters, so XLSX values avoid them;
// "&" stays out because exceljs decodes "&amp;lt;"-like text twice on reading.
const xlsxValue = fc.string({
  unit: fc.constantFrom('"', ',', ';', '\n', '\t', ' ', '=', '+', '-', '@', "'", 'ễ', 'Đ', 'a', '0', '.', '<', '>'),
  maxLength: 12,
});

function rowsOf(value: fc.Arbitrary<string>) {
  return fc.array(fc.record(Object.fromEntries(keys.map((key) => [key, value])) as Record<string, fc.Arbitrary<string>>), {
    maxLength: 8,
  });
}

/** The rows readTable must return: the kept values, blank rows skipped, numbered from row 2. */
function expected(rows: Record<string, string>[]) {
  return rows
    .map((row, index) => ({ rowNumber: index + 2, values: Object.fromEntries(keys.map((key) => [key, kept(row[key])])) }))
    .filter((row) => Object.values(row.values).some((value) => value !== ''));
}

describe('export then import returns what was exported', () => {
  it('through CSV, for any text', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(csvValue), async (rows) => {
        const data = await streamToBuffer(writeCsv(memberSpec, rows));
        const table = await readTable({ fileName: 'x.csv', data }, memberSpec);
        expect(table.rows).toEqual(expected(rows));
      }),
      { numRuns: 300 },
    );
  });

  it('through XLSX, for text a spreadsheet can hold', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOf(xlsxValue), async (rows) => {
        const data = await streamToBuffer(writeXlsx(memberSpec, rows));
        const table = await readTable({ fileName: 'x.xlsx', data }, memberSpec);
        expect(table.rows).toEqual(expected(rows));
      }),
      { numRuns: 40 },
    );
  });
});
