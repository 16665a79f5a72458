import { describe, expect, it } from 'vitest';
import { formatDateOnly, isoDate, parseDateOnly, vietnamDateOf } from './date-only';

describe('calendar dates', () => {
  it('reads ISO and Vietnamese day/month/year', () => {
    expect(isoDate(parseDateOnly('2026-11-22')!)).toBe('2026-11-22');
    expect(isoDate(parseDateOnly('5/1/2026')!)).toBe('2026-01-05');
    expect(formatDateOnly(parseDateOnly('2026-01-05')!)).toBe('05/01/2026');
  });

  it('refuses impossible dates', () => {
    expect(parseDateOnly('2026-02-30')).toBeNull();
    expect(parseDateOnly('31/04/2026')).toBeNull();
    expect(parseDateOnly('2026/11/22')).toBeNull();
  });

  it("today is Vietnam's day, not UTC's", () => {
    expect(isoDate(vietnamDateOf(new Date('2026-11-21T18:00:00Z')))).toBe('2026-11-22');
  });
});
