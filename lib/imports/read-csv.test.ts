import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectDelimiter } from './csv';
import { readTable } from './read-table';
import { csvFile, memberSpec, refusal } from './test-fixtures';
import { MAX_IMPORT_ROWS } from './types';

const HEADER = 'Mã hội viên,Họ và tên,Số CCCD,Ngày sinh,Số tiền';

describe('detectDelimiter', () => {
  it('skips title lines above the header (a bank office\'s list) and picks the separator of the header', () => {
    const known = (h: string) => ['Số khế ước', 'Dư nợ'].includes(h);
    expect(detectDelimiter('DANH SÁCH DƯ NỢ, THÁNG 11\nTên đơn vị\nSố khế ước;Dư nợ;Ghi chú\nKU1;1.000;x', known)).toBe(';');
    expect(detectDelimiter('Số khế ước,Dư nợ\nKU1,"1,000"', known)).toBe(',');
  });
});

describe('readTable on CSV', () => {
  it('reads UTF-8 with or without BOM, keeping leading zeros and accents', async () => {
    const body = `${HEADER}\r\nHV001,Nguyễn Thị Ánh,012345678901,1985-03-21,5000000\r\n`;
    for (const text of [body, `\uFEFF${body}`]) {
      const table = await readTable(csvFile(text), memberSpec);
      expect(table.rows).toEqual([
        {
          rowNumber: 2,
          values: { code: 'HV001', fullName: 'Nguyễn Thị Ánh', idNumber: '012345678901', birthDate: '1985-03-21', amount: '5000000' },
        },
      ]);
      expect(table.extraHeaders).toEqual([]);
    }
  });

  it('reads ";" files saved by Excel with Vietnamese regional settings', async () => {
    const table = await readTable(csvFile('Mã hội viên;Họ và tên;Số tiền\nHV002;Trần Thị Bình;1.500.000\n'), memberSpec);
    expect(table.rows[0].values).toMatchObject({ code: 'HV002', fullName: 'Trần Thị Bình', amount: '1.500.000' });
  });

  it('keeps commas, quotes, semicolons and line breaks inside quoted fields', async () => {
    const text = `${HEADER}\r\nHV003,"Lê Thị ""Hoa"", xóm 2; thôn Đông","01
2",,\r\nHV004,Phạm Thị Dung,,,\r\n`;
    const table = await readTable(csvFile(text), memberSpec);
    expect(table.rows.map((row) => [row.rowNumber, row.values.fullName, row.values.idNumber])).toEqual([
      [2, 'Lê Thị "Hoa", xóm 2; thôn Đông', '01\n2'],
      [3, 'Phạm Thị Dung', ''],
    ]);
  });

  it('skips empty rows but numbers the rest as Excel shows them', async () => {
    const text = `\r\n${HEADER}\r\nHV001,An,,,\r\n\r\n ,  ,,,\r\nHV002,Bình,,,`;
    const table = await readTable(csvFile(text), memberSpec);
    expect(table.rows.map((row) => [row.rowNumber, row.values.code])).toEqual([
      [3, 'HV001'],
      [6, 'HV002'],
    ]);
  });

  it('matches headers typed without accents, in another case, or by alias; lists unknown ones', async () => {
    const text = 'ma hoi vien,  TÊN HỘI VIÊN ,so cccd,Ghi chú\nHV001,An,123,x\n';
    const table = await readTable(csvFile(text), memberSpec);
    expect(table.rows[0].values).toEqual({ code: 'HV001', fullName: 'An', idNumber: '123', birthDate: '', amount: '' });
    expect(table.extraHeaders).toEqual(['Ghi chú']);
  });

  it('names the missing required columns in Vietnamese', async () => {
    const result = await refusal(readTable(csvFile('Mã hội viên,Số tiền\nHV001,5\n'), memberSpec));
    expect(result).toMatchObject({ code: 'VALIDATION', key: 'imports.file.missingColumns', params: { columns: 'Họ và tên' } });
    expect(result.message).toContain('Họ và tên');
  });

  it('recognises a file from another template', async () => {
    const result = await refusal(readTable(csvFile('Tên tổ,Mã tổ\nTổ 1,T1\n'), memberSpec));
    expect(result).toMatchObject({ key: 'imports.file.wrongKind', params: { kind: 'Danh sách hội viên' } });
  });

  it('refuses more rows than the limit, stating the limit', async () => {
    const rows = Array.from({ length: 11 }, (_, i) => `HV${i},Tên ${i}`).join('\n');
    const result = await refusal(readTable(csvFile(`Mã hội viên,Họ và tên\n${rows}`), { ...memberSpec, maxRows: 10 }));
    expect(result).toMatchObject({ key: 'imports.file.tooManyRows', params: { max: 10 } });
    expect(result.message).toContain('10 dòng');
    const ten = await readTable(csvFile(`Mã hội viên,Họ và tên\n${rows.split('\n').slice(0, 10).join('\n')}`), { ...memberSpec, maxRows: 10 });
    expect(ten.rows).toHaveLength(10);
  });

  it('refuses a 200 000-row file quickly instead of reading it all', async () => {
    const text = `Mã hội viên,Họ và tên\n${'HV1,An\n'.repeat(200_000)}`;
    const started = performance.now();
    const result = await refusal(readTable(csvFile(text), memberSpec));
    expect(result).toMatchObject({ key: 'imports.file.tooManyRows', params: { max: MAX_IMPORT_ROWS } });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a 1 MB cell, naming its row and column', async () => {
    const text = `${HEADER}\nHV001,An,,,\nHV002,${'A'.repeat(1_000_000)},,,\n`;
    const result = await refusal(readTable(csvFile(text), memberSpec));
    expect(result).toMatchObject({ key: 'imports.cell.tooLong', params: { row: 3, column: 'Họ và tên' } });
    expect(result.message).toContain('Dòng 3, cột “Họ và tên”');
  });

  it('refuses binary garbage and empty files with a message, not a crash', async () => {
    const garbage = new Uint8Array([0xff, 0xfe, 0xc3, 0x28, ...randomBytes(4000)]);
    expect(await refusal(readTable({ fileName: 'x.csv', data: garbage }, memberSpec))).toMatchObject({ key: 'imports.file.unreadable' });
    expect(await refusal(readTable({ fileName: 'x.csv', data: new Uint8Array() }, memberSpec))).toMatchObject({ key: 'imports.file.empty' });
    expect(await refusal(readTable(csvFile('\r\n \r\n,,\r\n'), memberSpec))).toMatchObject({ key: 'imports.file.empty' });
  });

  it('refuses files over 20 MB before reading them', async () => {
    const result = await refusal(readTable({ fileName: 'x.csv', data: new Uint8Array(20 * 1024 * 1024 + 1) }, memberSpec));
    expect(result).toMatchObject({ key: 'imports.file.tooLarge', params: { maxMb: 20 } });
  });

  it('removes the apostrophe its own exports put before formula-like values', async () => {
    const table = await readTable(csvFile(`Mã hội viên,Họ và tên,Số tiền\nHV001,'=HYPERLINK(1),-5000\n`), memberSpec);
    expect(table.rows[0].values).toMatchObject({ fullName: '=HYPERLINK(1)', amount: '-5000' });
  });
});
