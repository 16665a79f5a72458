import { constants, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { readTable } from './read-table';
import { memberSpec, refusal } from './test-fixtures';
import { streamToBuffer } from './web-stream';
import { writeXlsx } from './write-xlsx';

// Issue 22 §7 (ASVS V12.1.2): a small XLSX that expands to gigabytes is refused before anything is
// inflated for exceljs — in well under a second, with memory bounded — whether its zip directory
// tells the truth about the sizes or lies.

interface Entry {
  name: string;
  /** Raw deflate data. */
  compressed: Buffer;
  /** The size the directory declares (the truth, or a lie). */
  declaredSize: number;
}

/** A zip written by hand, so that the sizes in it can lie (CRCs are not checked before refusal). */
function zip(entries: Entry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(Math.min(entry.declaredSize, 0xffffffff), 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(Math.min(entry.declaredSize, 0xffffffff), 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.compressed);
    centrals.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

/** The entries of a real workbook (content types, workbook, relations, styles, the sheet), deflated. */
async function workbookEntries(): Promise<Map<string, Buffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Sheet1').addRows([['Mã hội viên', 'Họ và tên'], ['HV001', 'Nguyễn Thị Ánh']]);
  const files = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  const entries = new Map<string, Buffer>();
  for (const name of Object.keys(files.files)) {
    if (!files.files[name]!.dir) entries.set(name, await files.files[name]!.async('nodebuffer'));
  }
  return entries;
}

const GB = 1024 * 1024 * 1024;

/**
 * A worksheet of `bytes` bytes: its XML head, then spaces. Deflated piecewise (16 MB of spaces
 * once, its flushed blocks repeated) so the test never holds the expanded sheet: ~1 MB for 1 GB.
 */
function bombSheet(bytes: number): { compressed: Buffer; size: number } {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const piece = 16 * 1024 * 1024;
  const flushed = (data: Buffer) => deflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH });
  const spaces = flushed(Buffer.alloc(piece, 0x20));
  const pieces = Math.ceil(bytes / piece);
  const compressed = Buffer.concat([flushed(head), ...Array.from({ length: pieces }, () => spaces), deflateRawSync(tail)]);
  return { compressed, size: head.length + pieces * piece + tail.length };
}

async function bombWorkbook(lie: boolean): Promise<Uint8Array> {
  const entries = await workbookEntries();
  const sheet = bombSheet(GB);
  return zip(
    [...entries].map(([name, content]) =>
      name === 'xl/worksheets/sheet1.xml'
        ? { name, compressed: sheet.compressed, declaredSize: lie ? 50_000 : sheet.size }
        : { name, compressed: deflateRawSync(content), declaredSize: content.length },
    ),
  );
}

async function timed<T>(work: () => Promise<T>) {
  global.gc?.();
  const rss = process.memoryUsage().rss;
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started, rssGrowthMb: (process.memoryUsage().rss - rss) / (1024 * 1024) };
}

const xlsxFile = (data: Uint8Array) => ({ fileName: 'danh-sach.xlsx', data });

describe('a zip bomb as an import file (issue 22 §7)', () => {
  it.each([
    ['declares its true size (1 GB): refused from the directory', false],
    ['declares 50 KB and inflates to 1 GB: stopped at the first byte past 50 KB', true],
  ])('%s, in under a second and with bounded memory', async (_, lie) => {
    const data = await bombWorkbook(lie);
    expect(data.byteLength).toBeLessThan(2 * 1024 * 1024);
    const { result, ms, rssGrowthMb } = await timed(() => refusal(readTable(xlsxFile(data), memberSpec)));
    expect(result).toMatchObject({ code: 'VALIDATION', key: 'imports.file.unpackedTooLarge', params: { maxMb: 200, ratio: 100 } });
    expect(result.message).toContain('giải nén');
    expect(ms).toBeLessThan(1000);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('a compressed-more-than-100-times entry of 150 MB (within the total) is refused from the directory too', async () => {
    const entries = await workbookEntries();
    const sheet = bombSheet(150 * 1024 * 1024);
    const data = zip([...entries].map(([name, content]) =>
      name === 'xl/worksheets/sheet1.xml' ? { name, compressed: sheet.compressed, declaredSize: sheet.size } : { name, compressed: deflateRawSync(content), declaredSize: content.length }));
    const { result, ms } = await timed(() => refusal(readTable(xlsxFile(data), memberSpec)));
    expect(result.key).toBe('imports.file.unpackedTooLarge');
    expect(ms).toBeLessThan(1000);
  });

  it('an ordinary workbook, rebuilt by the same zip writer, still reads; so does a 5 000-row export', async () => {
    const entries = await workbookEntries();
    const data = zip([...entries].map(([name, content]) => ({ name, compressed: deflateRawSync(content), declaredSize: content.length })));
    const table = await readTable(xlsxFile(data), memberSpec);
    expect(table.rows[0]?.values).toMatchObject({ code: 'HV001', fullName: 'Nguyễn Thị Ánh' });

    const rows = Array.from({ length: 5000 }, (_, i) => ({ code: `HV${i}`, fullName: 'Nguyễn Thị Ánh', idNumber: '', birthDate: '', amount: '5000000' }));
    const exported = await streamToBuffer(writeXlsx(memberSpec, rows));
    expect((await readTable(xlsxFile(exported), memberSpec)).rows).toHaveLength(5000);
  });
});
