// What a printed PDF shows, read back with pdf.js (pdfjs-dist's legacy build runs on Node 20 with
// no browser or native code): per page its size in points and its text, line by line, as a reader
// sees it (pieces on one baseline joined left to right, a space where there is a gap between them).

export interface PdfPage {
  /** Points (1/72 inch): A4 landscape is 841,9 × 595,3. */
  width: number;
  height: number;
  lines: string[];
  /** Text drawn (partly) beyond the page's left or right edge: cut off on paper. */
  overflowing: string[];
}

interface Piece {
  text: string;
  x: number;
  y: number;
  width: number;
}

/** Letters from two PDF fonts come out decomposed or with no-break spaces: compare as typed. */
const normalize = (text: string) => text.normalize('NFC').replace(/[\s\u00a0]+/g, ' ').trim();

export async function readPdf(data: Uint8Array): Promise<PdfPage[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const page = await document.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const pieces: Piece[] = (await page.getTextContent()).items
      .flatMap((item) => ('str' in item && item.str.trim() !== '' ? [{ text: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : []));
    pages.push({
      width,
      height,
      lines: linesOf(pieces),
      overflowing: pieces.filter((p) => p.x < -1 || p.x + p.width > width + 1).map((p) => normalize(p.text)),
    });
  }
  await document.destroy();
  return pages;
}

/** Pieces within 2 pt of the same baseline form a line; lines from the top of the page down. */
function linesOf(pieces: Piece[]): string[] {
  const rows: Piece[][] = [];
  for (const piece of [...pieces].sort((a, b) => b.y - a.y)) {
    const row = rows.find((r) => Math.abs(r[0]!.y - piece.y) <= 2);
    if (row) row.push(piece);
    else rows.push([piece]);
  }
  return rows.map((row) => {
    const sorted = row.sort((a, b) => a.x - b.x);
    let line = '';
    sorted.forEach((piece, i) => {
      const previous = sorted[i - 1];
      line += previous && piece.x - (previous.x + previous.width) > 1.5 ? ` ${piece.text}` : piece.text;
    });
    return normalize(line);
  });
}
