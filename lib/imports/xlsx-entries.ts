import { createInflateRaw } from 'node:zlib';
import { importError } from './import-error';

// exceljs' streaming reader needs the shared strings before a worksheet; when a file has them
// after (Excel always does) it copies every worksheet to a temporary file, which is only deleted
// when a sheet is read to its end — never when we stop at the first sheet or at the row limit,
// so each import would leave files (and an open descriptor) behind. The whole upload is in
// memory anyway, so we hand exceljs its zip records in a better order instead: everything else
// first, then the first worksheet only. No byte is rewritten here.
//
// A zip bomb (a few MB that expand to GB) is refused before exceljs inflates anything (issue 22
// §7, ASVS V12.1.2): the directory's declared sizes are checked (total and ratio), then every
// record is inflated once into nothing, counting bytes, and stopped as soon as it passes what its
// directory entry declared. exceljs then gets exactly the records counted — header, the directory's
// compressed length, descriptor — so a size lied about in a local header or bytes hidden between
// records never reach it.

const CENTRAL_END = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;
const DESCRIPTOR = 0x08074b50;

/** What the files of one workbook may expand to, together (a 50 000-row sheet is far below). */
export const MAX_XLSX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Above this size an entry may not be compressed more than MAX_XLSX_RATIO times. */
const RATIO_CHECKED_FROM = 1024 * 1024;
export const MAX_XLSX_RATIO = 100;

interface ZipEntry {
  name: string;
  offset: number;
  method: number;
  compressedSize: number;
  size: number;
  /** Where the compressed bytes start and the record (with its descriptor) ends. */
  dataStart: number;
  end: number;
}

/**
 * The zip's records, checked against bombs, in the order exceljs streams best. Throws
 * imports.file.unreadable for a zip whose directory is broken and imports.file.unpackedTooLarge for
 * one that expands too much (declared or actual).
 */
export async function recordsForStreaming(zip: Uint8Array): Promise<Uint8Array[]> {
  const entries = readDirectory(zip);
  if (!entries) throw importError('file.unreadable');
  checkDeclaredSizes(entries);
  for (const entry of entries) await checkInflatedSize(zip, entry);
  return orderForStreaming(zip, entries);
}

function tooLarge() {
  return importError('file.unpackedTooLarge', { maxMb: MAX_XLSX_UNPACKED_BYTES / (1024 * 1024), ratio: MAX_XLSX_RATIO });
}

function checkDeclaredSizes(entries: ZipEntry[]) {
  let total = 0;
  for (const entry of entries) {
    total += entry.size;
    // 0xFFFFFFFF means "see the zip64 field": 4 GB or more, never an officer's register.
    if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || total > MAX_XLSX_UNPACKED_BYTES) throw tooLarge();
    if (entry.size > RATIO_CHECKED_FROM && entry.size > entry.compressedSize * MAX_XLSX_RATIO) throw tooLarge();
  }
}

/** Inflates one record into nothing, counting; stops at the first byte past its declared size. */
async function checkInflatedSize(zip: Uint8Array, entry: ZipEntry) {
  const data = zip.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw tooLarge();
    return;
  }
  if (entry.method !== 8) throw importError('file.unreadable');
  const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
  let inflated = 0;
  await new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      inflated += chunk.length;
      if (inflated > entry.size) {
        inflate.destroy();
        reject(tooLarge());
      }
    });
    inflate.on('error', () => reject(importError('file.unreadable')));
    inflate.on('end', resolve);
    inflate.end(data);
  });
}

function readDirectory(zip: Uint8Array): ZipEntry[] | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findCentralEnd(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directoryStart = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  let at = directoryStart;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    if (offset + 30 > directoryStart || view.getUint32(offset, true) !== LOCAL_ENTRY) return null;
    const flags = view.getUint16(at + 8, true);
    const compressedSize = view.getUint32(at + 20, true);
    const dataStart = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
    let recordEnd = dataStart + compressedSize;
    if (flags & 0x08) recordEnd += recordEnd + 4 <= directoryStart && view.getUint32(recordEnd, true) === DESCRIPTOR ? 16 : 12;
    if (recordEnd > directoryStart) return null;
    entries.push({
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      offset,
      method: view.getUint16(at + 10, true),
      compressedSize,
      size: view.getUint32(at + 24, true),
      dataStart,
      end: recordEnd,
    });
    at += 46 + skip;
  }
  entries.sort((a, b) => a.offset - b.offset);
  // Records may not overlap (two directory entries over the same bytes inflate them twice).
  if (entries.some((entry, i) => i > 0 && entry.offset < entries[i - 1]!.end)) return null;
  return entries;
}

/** Everything but the worksheets first, then the first worksheet (or all records in order when there is none by that name). */
function orderForStreaming(zip: Uint8Array, entries: ZipEntry[]): Uint8Array[] {
  const records = entries.map((entry) => ({ name: entry.name, bytes: zip.subarray(entry.offset, entry.end) }));
  const worksheets = records
    .filter((record) => /^xl\/worksheets\/sheet\d+\.xml$/.test(record.name))
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (worksheets.length === 0) return records.map((record) => record.bytes);
  const others = records.filter((record) => !record.name.startsWith('xl/worksheets/sheet'));
  return [...others, worksheets[0]].map((record) => record.bytes);
}

function findCentralEnd(view: DataView): number {
  // The end record is 22 bytes, followed by a comment of at most 65 535 bytes.
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at -= 1) {
    if (view.getUint32(at, true) === CENTRAL_END) return at;
  }
  return -1;
}

function sheetNumber(name: string): number {
  return Number(/(\d+)\.xml$/.exec(name)?.[1]);
}
