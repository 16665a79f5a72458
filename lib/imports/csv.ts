// RFC 4180 CSV, both ways. The parser walks the decoded text once and yields record by record, so
// the caller can stop at the row limit without splitting the whole file into lines first.

export type CsvDelimiter = ',' | ';';

const QUOTE = '"';

/** Yields each record's raw fields; a record is one spreadsheet row even when a quoted field spans lines. */
export function* parseCsv(text: string, delimiter: CsvDelimiter): Generator<string[]> {
  const fieldEnd = new RegExp(`[${delimiter}\\r\\n]`, 'g');
  const length = text.length;
  let i = 0;
  let fields: string[] = [];
  while (i < length) {
    let field = '';
    if (text[i] === QUOTE) {
      let start = i + 1;
      for (;;) {
        const close = text.indexOf(QUOTE, start);
        if (close === -1) {
          // An unterminated quote swallows the rest of the file, as Excel does; the cell limit then refuses it.
          field += text.slice(start);
          i = length;
          break;
        }
        field += text.slice(start, close);
        if (text[close + 1] === QUOTE) {
          field += QUOTE;
          start = close + 2;
        } else {
          i = close + 1;
          break;
        }
      }
    }
    // Unquoted text, or stray text after a closing quote (kept, as spreadsheet programs do).
    fieldEnd.lastIndex = i;
    const end = i < length ? (fieldEnd.exec(text)?.index ?? length) : length;
    field += text.slice(i, end);
    fields.push(field);
    i = end;
    if (i >= length) break;
    if (text[i] === delimiter) {
      i += 1;
      if (i === length) fields.push('');
      continue;
    }
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
    yield fields;
    fields = [];
  }
  if (fields.length > 0) yield fields;
}

/**
 * Officers' Excel saves CSV with ";" in Vietnamese regional settings and "," elsewhere: pick the
 * one that splits the header line into more known headers (then into more fields). Title lines
 * above the header (a bank's list) are one field whichever the separator, and are skipped.
 */
export function detectDelimiter(text: string, isKnownHeader: (header: string) => boolean): CsvDelimiter {
  const score = (delimiter: CsvDelimiter): [number, number] => {
    for (const fields of parseCsv(text, delimiter)) {
      // A line of only separators (",,," from Excel) is blank whichever the separator.
      if (fields.every((field) => field.replace(/[,;]/g, '').trim() === '') || fields.length < 2) continue;
      return [fields.filter(isKnownHeader).length, fields.length];
    }
    return [0, 0];
  };
  const [commaKnown, commaFields] = score(',');
  const [semicolonKnown, semicolonFields] = score(';');
  if (semicolonKnown !== commaKnown) return semicolonKnown > commaKnown ? ';' : ',';
  return semicolonFields > commaFields ? ';' : ',';
}

/** One CSV line with CRLF; quotes only the fields that need it ("," and ";" either way, for Excel). */
export function formatCsvRecord(fields: readonly string[], delimiter: CsvDelimiter = ','): string {
  return `${fields.map((field) => (/[",;\r\n]/.test(field) ? `"${field.replaceAll(QUOTE, '""')}"` : field)).join(delimiter)}\r\n`;
}

/**
 * The separator a download asks for: "," by default; ";" (`sep=semicolon`) for Excel with
 * Vietnamese regional settings, whose list separator is ";" — it then opens the file in columns.
 */
export function csvDelimiterOf(sep: string | null | undefined): CsvDelimiter {
  return sep === 'semicolon' || sep === ';' ? ';' : ',';
}
