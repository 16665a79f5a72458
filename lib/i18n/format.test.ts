import { describe, expect, it } from 'vitest';
import { chartUnitFor, formatDate, formatDateTime, formatInUnit, formatShare, formatTimeDate } from './format';

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('shows dd/mm/yyyy of the Vietnamese calendar day', () => {
    expect(formatDate(new Date('2026-11-21T18:30:00Z'))).toBe('22/11/2026');
    expect(formatDate(new Date('2026-01-05T03:00:00Z'))).toBe('05/01/2026');
  });

  it('shows the 24-hour local time', () => {
    expect(formatDateTime(new Date('2026-11-21T18:30:00Z'))).toBe('22/11/2026 01:30');
    expect(formatTimeDate(new Date('2026-11-21T18:30:00Z'))).toBe('01:30 22/11/2026');
  });
});

describe('chart amounts in triệu or tỷ đồng (issue 21 §7)', () => {
  it('draws in millions below a billion and in billions from one', () => {
    expect(chartUnitFor([])).toEqual({ divisor: 1_000_000, key: 'million' });
    expect(chartUnitFor([0, 0])).toEqual({ divisor: 1_000_000, key: 'million' });
    expect(chartUnitFor([5_000_000, 999_999_999])).toEqual({ divisor: 1_000_000, key: 'million' });
    expect(chartUnitFor([5_000_000, 1_000_000_000])).toEqual({ divisor: 1_000_000_000, key: 'billion' });
  });

  it('writes the amount in the unit with a decimal comma and thousands dots', () => {
    const million = chartUnitFor([1]);
    const billion = chartUnitFor([2_000_000_000]);
    expect(formatInUnit(0, million)).toBe('0');
    expect(formatInUnit(1_234_500_000, million)).toBe('1.234,5');
    expect(formatInUnit(145_000_000, million)).toBe('145');
    expect(formatInUnit(999_999_999, million)).toBe('1.000');
    expect(formatInUnit(1_000_000_000, billion)).toBe('1');
    expect(formatInUnit(20_340_000_000, billion)).toBe('20,3');
    expect(formatInUnit(1_234_560_000_000, billion)).toBe('1.234,6');
  });

  it('writes a share with one decimal', () => {
    expect(formatShare(0.1234)).toBe('12,3 %');
    expect(formatShare(0.8)).toBe('80,0 %');
    expect(formatShare(1)).toBe('100,0 %');
    expect(formatShare(null)).toBe('—');
  });
});
