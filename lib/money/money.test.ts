import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, formatVnd, parseMoney, sumAmounts } from './money';

describe('formatVnd', () => {
  it('groups thousands with dots and appends the đồng sign', () => {
    expect(formatVnd(1234567n)).toBe('1.234.567\u00a0₫');
    expect(formatVnd(0n)).toBe('0\u00a0₫');
    expect(formatVnd(999)).toBe('999\u00a0₫');
    expect(formatVnd(-10000000n)).toBe('-10.000.000\u00a0₫');
    expect(formatVnd(138714000000n)).toBe('138.714.000.000\u00a0₫');
  });
});

describe('parseMoney', () => {
  it.each([
    ['1.234.567', 1234567n],
    ['1234567', 1234567n],
    ['1 234 567', 1234567n],
    ['  10.000.000 ₫ ', 10000000n],
    ['500.000đ', 500000n],
    ['200000 VND', 200000n],
    ['0', 0n],
  ])('reads %j as %s đồng', (input, expected) => {
    expect(parseMoney(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['1,5 triệu', 'ambiguous'],
    ['1,234,567', 'ambiguous'],
    ['1.5', 'ambiguous'],
    ['1.23', 'ambiguous'],
    ['12.3456', 'ambiguous'],
    ['abc', 'invalid'],
    ['1e6', 'invalid'],
    ['', 'empty'],
    ['-5.000', 'negative'],
    ['9999999999999999999', 'too_large'],
  ])('refuses %j (%s)', (input, error) => {
    expect(parseMoney(input)).toEqual({ ok: false, error });
  });

  it('accepts negatives only when asked', () => {
    expect(parseMoney('-5.000', { allowNegative: true })).toEqual({ ok: true, value: -5000n });
  });

  it('refuses fractional numbers from spreadsheets instead of truncating them', () => {
    expect(parseMoney(1500.5)).toEqual({ ok: false, error: 'ambiguous' });
    expect(parseMoney(1500)).toEqual({ ok: true, value: 1500n });
  });
});

describe('divideRoundHalfUp', () => {
  it('rounds halves up and the rest to nearest', () => {
    // 10.000.000 ₫ × 0,55 %/month × 31/30 days = 56.833,33… → 56.833 ₫
    expect(divideRoundHalfUp(10_000_000n * 55n * 31n, 10_000n * 30n)).toBe(56833n);
    expect(divideRoundHalfUp(5n, 2n)).toBe(3n);
    expect(divideRoundHalfUp(7n, 2n)).toBe(4n);
    expect(divideRoundHalfUp(4n, 3n)).toBe(1n);
    expect(divideRoundHalfUp(5n, 3n)).toBe(2n);
    expect(divideRoundHalfUp(-5n, 2n)).toBe(-3n);
    expect(divideRoundHalfUp(5n, -2n)).toBe(-3n);
  });

  it('refuses division by zero', () => {
    expect(() => divideRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('sumAmounts', () => {
  it('is exact beyond 2^53', () => {
    expect(sumAmounts([9_007_199_254_740_993n, 2n])).toBe(9_007_199_254_740_995n);
  });
});
