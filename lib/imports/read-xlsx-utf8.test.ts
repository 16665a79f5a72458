import { describe, expect, it } from 'vitest';
import { readTable } from './read-table';
import { streamToBuffer } from './web-stream';
import { writeXlsx } from './write-xlsx';
import type { TableSpec } from './types';

// Guards the exceljs patch applied at install (lib/vendor-patches/exceljs+4.4.0.patch): without it, a
// Vietnamese character falling on a chunk boundary of the unzipped sheet reads back as "�".
const spec: TableSpec = {
  kind: 'Thử',
  columns: [
    { key: 'name', header: 'Họ và tên', required: true, description: '', example: '' },
    { key: 'category', header: 'Loại hộ', description: '', example: '' },
  ],
};

describe('large XLSX with Vietnamese text', () => {
  it('reads back every character of 10,000 rows exactly', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ name: `Nguyễn Thị Ánh Tuyết ${i}`, category: i % 2 ? 'Hộ cận nghèo' : 'Hộ mới thoát nghèo' }));
    const table = await readTable({ fileName: 'lon.xlsx', data: await streamToBuffer(writeXlsx(spec, rows)) }, spec);
    const wrong = table.rows.filter((row, i) => row.values.name !== rows[i]!.name || row.values.category !== rows[i]!.category);
    expect(wrong.map((r) => r.rowNumber)).toEqual([]);
    expect(table.rows).toHaveLength(10_000);
  });
});
