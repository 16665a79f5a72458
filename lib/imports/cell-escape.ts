// Formula injection: a spreadsheet treats a cell starting with = + - @ (or tab/CR before them) as
// a formula, so an exported member name like "=HYPERLINK(...)" could run when opened. Exports
// prefix such values with an apostrophe, which Excel shows as text; imports remove it again.
//
// The pair is exact: values already starting with apostrophes before a trigger get one more, so
// every value — including a literal "'=x" — survives export then import unchanged.

const NEEDS_ESCAPE = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;
// Negative amounts ("-5000", "-12.5", "-1.234.567") are not formulas and must stay numbers.
const PLAIN_NUMBER = /^[-+]?\d+([.,]\d+)*$/;

export function escapeCell(value: string): string {
  return NEEDS_ESCAPE.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export function unescapeCell(raw: string): string {
  return ESCAPED.test(raw) ? raw.slice(1) : raw;
}
