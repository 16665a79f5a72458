// Text a person will read — names, addresses, notes, purposes, reasons, unit and group names — is
// stored without characters nobody can see (issue 22 §8, ASVS V5.1.4/V5.2.1): zero-width spaces and
// joiners, word joiners and byte-order marks, direction overrides and isolates (U+202E turns
// "Nguyễn Thị Ánh" into text that reads backwards in a list or an export), and control characters
// (C0 except tab and line break, DEL, C1). They are removed, not refused: they arrive by copy and
// paste far more often than by intent. The text is then NFC, as Unikey and phones type either form;
// Vietnamese combining marks are composed, never dropped.

/** U+200B–U+200D zero-width space/non-joiner/joiner, U+2060 word joiner, U+FEFF BOM / zero-width no-break space. */
const INVISIBLE = '\\u200B-\\u200D\\u2060\\uFEFF';
/** U+200E/U+200F marks, U+202A–U+202E embeddings and overrides, U+2066–U+2069 isolates, U+061C Arabic letter mark. */
const BIDI = '\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069\\u061C';
/** C0 controls except tab (U+0009) and line feed (U+000A); CR is handled as a line break; DEL and C1. */
const CONTROL = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F';

const UNSEEN = new RegExp(`[${INVISIBLE}${BIDI}${CONTROL}]`, 'g');

/** Text as it is stored: line breaks as "\n" (U+2028/U+2029 too), no invisible or direction-changing characters, NFC. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029]/g, '\n')
    .replace(UNSEEN, '')
    .normalize('NFC');
}

/** Input keys whose value is a secret, compared as typed: never rewritten. */
const SECRET = /password|secret|token/i;

/**
 * Every string in a request's input (objects and arrays, as parsed from JSON or a form) cleaned,
 * secrets left as typed. The services' one parse (`parseInput`) calls it, so no text field a schema
 * declares, today or later, escapes it.
 */
export function cleanInput(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET.test(key) ? value : cleanText(value);
  if (Array.isArray(value)) return value.map((item) => cleanInput(item, key));
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, cleanInput(item, name)]));
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
