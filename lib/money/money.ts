// Money is whole đồng (VND has no minor unit), held as bigint end to end: database BigInt columns,
// services and formatting. No floating point touches an amount anywhere.

export const MAX_AMOUNT = 1_000_000_000_000_000n; // 10^15 đồng: far above any real balance.

const NBSP = '\u00a0';

/** 1234567n → "1.234.567 ₫" (the Vietnamese convention, in either UI language). */
export function formatVnd(amount: bigint | number): string {
  return `${formatThousands(amount)}${NBSP}₫`;
}

/** 1234567n → "1.234.567" */
export function formatThousands(amount: bigint | number): string {
  const value = BigInt(amount);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

export type MoneyParseError = 'empty' | 'ambiguous' | 'invalid' | 'negative' | 'too_large';

export type MoneyParseResult = { ok: true; value: bigint } | { ok: false; error: MoneyParseError };

/**
 * Reads an amount typed by a person or found in a spreadsheet: "1.234.567", "1234567",
 * "1 234 567 ₫", "1.234.567đ". Anything that could mean two amounts is refused, not guessed:
 * commas ("1,5" and "1,234" read differently in Vietnamese and English), a dot that is not a
 * thousands separator ("1.5"), and words ("1,5 triệu").
 */
export function parseMoney(input: string | number | bigint, { allowNegative = false } = {}): MoneyParseResult {
  if (typeof input === 'bigint') return checkRange(input, allowNegative);
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) ? checkRange(BigInt(input), allowNegative) : { ok: false, error: 'ambiguous' };
  }
  let text = input.normalize('NFC').trim().replace(/\s*(₫|đ|đồng|vnd|vnđ)$/i, '').trim();
  if (text === '') return { ok: false, error: 'empty' };
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1).trim();
  }
  if (text.includes(',')) return { ok: false, error: 'ambiguous' };
  text = text.replace(/[\s\u00a0]/g, '');
  let digits: string;
  if (/^\d+$/.test(text)) digits = text;
  else if (/^\d{1,3}(\.\d{3})+$/.test(text)) digits = text.replaceAll('.', '');
  else if (/^[\d.]+$/.test(text)) return { ok: false, error: 'ambiguous' };
  else return { ok: false, error: 'invalid' };
  const value = BigInt(digits);
  return checkRange(negative ? -value : value, allowNegative);
}

function checkRange(value: bigint, allowNegative: boolean): MoneyParseResult {
  if (value < 0n && !allowNegative) return { ok: false, error: 'negative' };
  if (value > MAX_AMOUNT || value < -MAX_AMOUNT) return { ok: false, error: 'too_large' };
  return { ok: true, value };
}

/**
 * numerator / denominator rounded half-up (halves away from zero) to a whole đồng.
 * The one rounding rule of the system; callers decide where it is applied.
 */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  if (denominator < 0n) return divideRoundHalfUp(-numerator, -denominator);
  const negative = numerator < 0n;
  const magnitude = negative ? -numerator : numerator;
  const quotient = (magnitude * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** a / b as a decimal rounded half-up to 4 places (12.374 / 15.467 → 0.8000), exact for any size; null without a denominator. */
export function ratio4(numerator: bigint | number, denominator: bigint | number): number | null {
  if (BigInt(denominator) <= 0n) return null;
  return Number(divideRoundHalfUp(BigInt(numerator) * 10_000n, BigInt(denominator))) / 10_000;
}

/** Sums amounts exactly. */
export function sumAmounts(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const amount of amounts) total += amount;
  return total;
}
