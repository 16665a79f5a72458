import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildErrorReport } from './build-error-report';
import { buildTemplate } from './build-template';
import { readTable } from './read-table';
import { memberSpec } from './test-fixtures';
import type { TableRow } from './types';
import { streamToBuffer } from './web-stream';
import { csvDelimiterOf } from './csv';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

const hostile = [
  { code: 'HV001', fullName: '=SUM(A1)', amount: '-5000' },
  { code: 'HV002', fullName: '@cmd', amount: '-12.5' },
  { code: 'HV003', fullName: '+84 912', amount: '-1+2' },
];

async function openWorkbook(stream: ReadableStream<Uint8Array>) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await streamToBuffer(stream)) as unknown as ExcelJS.Buffer);
  return workbook;
}

const sheetRows = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? Array.from(row.slice(1), (value) => value ?? '') : []));

async function* slowly(rows: Record<string, string>[]) {
  for (const row of rows) yield row;
}

describe('writeCsv', () => {
  it('writes ";" when asked (Excel with Vietnamese regional settings opens it in columns), and reads it back the same', async () => {
    const rows = [{ code: 'HV010', fullName: 'Nguyễn Thị Hoa; xóm 2', amount: '1.500.000' }];
    const data = await streamToBuffer(writeCsv(memberSpec, slowly(rows), csvDelimiterOf('semicolon')));
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(data);
    expect(text).toBe('\uFEFFMã hội viên;Họ và tên;Số CCCD;Ngày sinh;Số tiền\r\nHV010;"Nguyễn Thị Hoa; xóm 2";;;1.500.000\r\n');
    const table = await readTable({ fileName: 'x.csv', data }, memberSpec);
    expect(table.rows.map((r) => [r.values.code, r.values.fullName, r.values.amount])).toEqual([['HV010', 'Nguyễn Thị Hoa; xóm 2', '1.500.000']]);
    expect(csvDelimiterOf(null)).toBe(',');
  });

  it('writes UTF-8 with BOM, CRLF and Vietnamese headers, escaping formula-like values but not amounts', async () => {
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await streamToBuffer(writeCsv(memberSpec, slowly(hostile))));
    expect(text).toBe(
      '\uFEFFMã hội viên,Họ và tên,Số CCCD,Ngày sinh,Số tiền\r\n' +
        "HV001,'=SUM(A1),,,-5000\r\n" +
        "HV002,'@cmd,,,-12.5\r\n" +
        "HV003,'+84 912,,,'-1+2\r\n",
    );
  });

  it('quotes fields with commas, semicolons, quotes and line breaks', async () => {
    const text = new TextDecoder().decode(await streamToBuffer(writeCsv(memberSpec, [{ code: 'a,b', fullName: 'Lê "Hoa"; xóm 2\r\nthôn 3' }])));
    expect(text.split('\r\n')[1]).toBe('"a,b","Lê ""Hoa""; xóm 2');
  });

  it('re-imports its own export unchanged, the apostrophes removed', async () => {
    const data = await streamToBuffer(writeCsv(memberSpec, hostile));
    const table = await readTable({ fileName: 'x.csv', data }, memberSpec);
    expect(table.rows.map((row) => [row.values.fullName, row.values.amount])).toEqual(hostile.map((row) => [row.fullName, row.amount]));
  });
});

describe('writeXlsx', () => {
  it('writes every value as text, formula-like ones behind an apostrophe, with a bold frozen header', async () => {
    const workbook = await openWorkbook(writeXlsx(memberSpec, slowly(hostile)));
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Dữ liệu');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheetRows(sheet).slice(1)).toEqual([
      ['HV001', "'=SUM(A1)", '', '', '-5000'],
      ['HV002', "'@cmd", '', '', '-12.5'],
      ['HV003', "'+84 912", '', '', "'-1+2"],
    ]);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).toBe(ExcelJS.ValueType.String)));
  });

  it('re-imports its own export unchanged', async () => {
    const data = await streamToBuffer(writeXlsx(memberSpec, hostile));
    const table = await readTable({ fileName: 'x.xlsx', data }, memberSpec);
    expect(table.rows.map((row) => [row.values.fullName, row.values.amount])).toEqual(hostile.map((row) => [row.fullName, row.amount]));
  });
});

describe('buildTemplate', () => {
  it('has the headers, one example row and the instructions sheet', async () => {
    const workbook = await openWorkbook(buildTemplate(memberSpec));
    const [data, instructions] = workbook.worksheets;
    expect(sheetRows(data)).toEqual([
      ['Mã hội viên', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Số tiền'],
      ['HV001', 'Nguyễn Thị Ánh', '012345678901', '1985-03-21', '5000000'],
    ]);
    expect(instructions.name).toBe('Hướng dẫn');
    const rows = sheetRows(instructions);
    expect(rows[0][0]).toContain('“Dữ liệu”');
    expect(rows).toContainEqual(['Cột', 'Bắt buộc', 'Mô tả', 'Ví dụ']);
    expect(rows).toContainEqual(['Họ và tên', 'Có', 'Họ và tên đầy đủ, có dấu', 'Nguyễn Thị Ánh']);
    expect(rows).toContainEqual(['Số CCCD', 'Không', '12 chữ số', '012345678901']);
  });
});

describe('buildErrorReport', () => {
  it('returns the rows with a last "Lỗi" column joining each row’s messages', async () => {
    const row = (rowNumber: number, code: string): TableRow => ({
      rowNumber,
      values: { code, fullName: `Tên ${code}`, idNumber: '', birthDate: '', amount: '' },
    });
    const rows = [row(2, 'HV001'), row(3, 'HV002'), row(5, 'HV003')];
    const issues = [
      { row: 5, column: 'Số CCCD', message: 'Số CCCD phải có 12 chữ số.' },
      { row: 2, column: null, message: 'Trùng với dòng 5 trong tệp.' },
      { row: 5, column: 'Ngày sinh', message: 'Ngày sinh không hợp lệ.' },
    ];
    const workbook = await openWorkbook(buildErrorReport(memberSpec, rows, issues));
    expect(sheetRows(workbook.worksheets[0])).toEqual([
      ['Mã hội viên', 'Họ và tên', 'Số CCCD', 'Ngày sinh', 'Số tiền', 'Lỗi'],
      ['HV001', 'Tên HV001', '', '', '', 'Trùng với dòng 5 trong tệp.'],
      ['HV002', 'Tên HV002'],
      ['HV003', 'Tên HV003', '', '', '', 'Số CCCD phải có 12 chữ số.; Ngày sinh không hợp lệ.'],
    ]);
  });
});
