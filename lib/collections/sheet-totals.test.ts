import { describe, expect, it } from 'vitest';
import { sheetTotals, typedAmount } from './sheet-totals';

describe('typedAmount', () => {
  it('reads amounts as officers type them', () => {
    expect(typedAmount('1.234.567')).toBe(1_234_567n);
    expect(typedAmount('350000')).toBe(350_000n);
    expect(typedAmount(' 200.000 ₫ ')).toBe(200_000n);
    expect(typedAmount('')).toBe(0n);
    expect(typedAmount('  ')).toBe(0n);
  });

  it('does not guess amounts that could mean two things, or are not amounts', () => {
    expect(typedAmount('1,5')).toBeNull();
    expect(typedAmount('12.34')).toBeNull();
    expect(typedAmount('abc')).toBeNull();
    expect(typedAmount('-50.000')).toBeNull();
  });
});

describe('sheetTotals', () => {
  it('adds the loan boxes and the savings boxes; the cash is both together', () => {
    const totals = sheetTotals([
      ['attended-m1', 'on'],
      ['loan-l1', '1.234.567'],
      ['loan-l2', '100.000'],
      ['saving-a1', '200.000'],
      ['saving-a2', '50000'],
      ['saving-a3', ''],
    ]);
    expect(totals).toEqual({ loans: 1_334_567n, savings: 250_000n, cash: 1_584_567n, unreadable: 0 });
  });

  it('counts a box that does not read as money as 0 and says how many there are', () => {
    expect(sheetTotals([['loan-l1', '1,5'], ['saving-a1', '200.000'], ['saving-a2', 'x']])).toEqual({ loans: 0n, savings: 200_000n, cash: 200_000n, unreadable: 2 });
  });

  it('is exact beyond the range of JavaScript numbers', () => {
    const big = '900.000.000.000.000';
    expect(sheetTotals([['loan-a', big], ['loan-b', big], ['saving-c', big]]).cash).toBe(2_700_000_000_000_000n);
  });

  it('is zero for an empty sheet', () => {
    expect(sheetTotals([])).toEqual({ loans: 0n, savings: 0n, cash: 0n, unreadable: 0 });
  });
});
