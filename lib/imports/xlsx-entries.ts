// exceljs' streaming reader needs the shared strings before a worksheet; when a file has them
// after (Excel always does) it copies every worksheet to a temporary file, which is only deleted
// when a sheet is read to its end — never when we stop at the first sheet or at the row limit,
// so each import would leave files (and an open descriptor) behind. The whole upload is in
// memory anyway, so we hand exceljs its zip records in a better order instead: everything else
// first, then the first worksheet only. No byte is decompressed or rewritten here.

const CENTRAL_END = 0x06054b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

/**
 * The zip's local records (header, data, descriptor) reordered for streaming, or null when the
 * zip's directory is not what Excel or LibreOffice write (the caller then passes the bytes as they are).
 */
export function orderForStreaming(zip: Uint8Array): Uint8Array[] | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findCentralEnd(view);
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  const directoryStart = view.getUint32(end + 16, true);
  const entries: { name: string; offset: number }[] = [];
  const decoder = new TextDecoder();
  let at = directoryStart;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > end || view.getUint32(at, true) !== CENTRAL_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    if (offset + 30 > directoryStart || view.getUint32(offset, true) !== LOCAL_ENTRY) return null;
    entries.push({ name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)), offset });
    at += 46 + skip;
  }
  // A record runs from its local header to the next one (so a trailing data descriptor comes along).
  entries.sort((a, b) => a.offset - b.offset);
  const records = entries.map((entry, i) => ({
    name: entry.name,
    bytes: zip.subarray(entry.offset, entries[i + 1]?.offset ?? directoryStart),
  }));
  const worksheets = records
    .filter((record) => /^xl\/worksheets\/sheet\d+\.xml$/.test(record.name))
    .sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (worksheets.length === 0) return null;
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
