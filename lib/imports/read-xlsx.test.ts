import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table';
import { memberSpec, refusal } from './test-fixtures';
import { streamToBuffer } from './web-stream';
import { writeXlsx } from './write-xlsx';

const xlsxFile = (data: Uint8Array) => ({ fileName: 'danh-sach.xlsx', data });

/** A workbook as Excel saves it, with typed cells (numbers, dates...), which our writer never produces. */
async function excelWorkbook(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  fill(workbook.addWorksheet('Sheet1'));
  workbook.addWorksheet('Khác').addRow(['Mã hội viên', 'Họ và tên']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readTable on XLSX', () => {
  it('reads back what writeXlsx wrote: diacritics, leading zeros, amounts, dates', async () => {
    const rows = [
      { code: 'HV001', fullName: 'Nguyễn Thị Ánh', idNumber: '012345678901', birthDate: '1985-03-21', amount: '5000000' },
      { code: 'HV002', fullName: 'Đặng Thị Hương', idNumber: '', birthDate: '', amount: '-5000' },
    ];
    const data = await streamToBuffer(writeXlsx(memberSpec, rows));
    const table = await readTable(xlsxFile(data), memberSpec);
    expect(table.rows).toEqual([
      { rowNumber: 2, values: rows[0] },
      { rowNumber: 3, values: rows[1] },
    ]);
  });

  it('turns typed Excel cells into the text an officer sees, from the first sheet only', async () => {
    const data = await excelWorkbook((sheet) => {
      sheet.addRow([]);
      sheet.addRow(['Mã hội viên', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Số tiền']);
      sheet.addRow([
        true,
        { richText: [{ text: 'Lê ' }, { text: 'Thị Mai', font: { bold: true } }] },
        12345678901,
        new Date(Date.UTC(1985, 2, 21)),
        1e21,
      ]);
      sheet.addRow([]);
      sheet.addRow(['HV009', { text: 'Phan Thị Lan', hyperlink: 'https://example.org' }, '012345678901', '21/03/1985', 1.5e-7]);
    });
    const table = await readTable(xlsxFile(data), memberSpec);
    expect(table.rows).toEqual([
      {
        rowNumber: 3,
        values: { code: 'TRUE', fullName: 'Lê Thị Mai', idNumber: '12345678901', birthDate: '1985-03-21', amount: '1000000000000000000000' },
      },
      {
        rowNumber: 5,
        values: { code: 'HV009', fullName: 'Phan Thị Lan', idNumber: '012345678901', birthDate: '21/03/1985', amount: '0.00000015' },
      },
    ]);
  });

  it('refuses a formula cell, naming its row and column', async () => {
    const data = await excelWorkbook((sheet) => {
      sheet.addRow(['Mã hội viên', 'Họ và tên', 'Số tiền']);
      sheet.addRow(['HV001', 'An', 2]);
      sheet.addRow(['HV002', 'Bình', { formula: 'C2*2', result: 4 }]);
    });
    const result = await refusal(readTable(xlsxFile(data), memberSpec));
    expect(result).toMatchObject({ key: 'imports.cell.formula', params: { row: 3, column: 'Số tiền' } });
    expect(result.message).toBe(
      'Dòng 3, cột “Số tiền”: ô chứa công thức; hãy dán giá trị (Paste Values) thay cho công thức.',
    );
  });

  it('ignores formulas in columns the register does not use', async () => {
    const data = await excelWorkbook((sheet) => {
      sheet.addRow(['Mã hội viên', 'Họ và tên', 'Ghi chú']);
      sheet.addRow(['HV001', 'An', { formula: 'A2&B2', result: 'HV001An' }]);
    });
    const table = await readTable(xlsxFile(data), memberSpec);
    expect(table.rows[0].values.code).toBe('HV001');
    expect(table.extraHeaders).toEqual(['Ghi chú']);
  });

  it('refuses more rows than the limit', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => ({ code: `HV${i}`, fullName: 'An' }));
    const data = await streamToBuffer(writeXlsx(memberSpec, rows));
    const result = await refusal(readTable(xlsxFile(data), { ...memberSpec, maxRows: 10 }));
    expect(result).toMatchObject({ key: 'imports.file.tooManyRows', params: { max: 10 } });
  });

  it('leaves no temporary file behind, even when it stops at the row limit', async () => {
    // exceljs would copy the sheets of an Excel-ordered zip to temporary files and, as reading
    // stops early, never delete them: a server importing all day would fill its disk.
    const excelOrdered = await excelWorkbook((sheet) => {
      sheet.addRow(['Mã hội viên', 'Họ và tên']);
      for (let i = 0; i < 20; i += 1) sheet.addRow([`HV${i}`, 'An']);
    });
    const directory = mkdtempSync(join(tmpdir(), 'imports-test-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = directory;
    try {
      expect((await readTable(xlsxFile(excelOrdered), memberSpec)).rows).toHaveLength(20);
      await refusal(readTable(xlsxFile(excelOrdered), { ...memberSpec, maxRows: 10 }));
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('refuses a corrupt zip or a workbook without data as unreadable or empty, never crashing', async () => {
    const corrupt = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 3000 }, (_, i) => (i * 131) % 256)]);
    expect(await refusal(readTable(xlsxFile(corrupt), memberSpec))).toMatchObject({ key: 'imports.file.unreadable' });
    const blank = await excelWorkbook(() => {});
    expect(await refusal(readTable(xlsxFile(blank), memberSpec))).toMatchObject({ key: 'imports.file.empty' });
  });
});
