import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError, parseInput } from '@/lib/errors';
import { dateOnly } from '@/lib/groups/schemas';
import { translateError } from '@/lib/i18n/translate';
import { displayDate, formatDateOnly, isoDate, parseDateOnly, vietnamDateOf } from './date-only';

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

describe('date fields show dd/mm/yyyy whatever the browser language (issue 21 §7)', () => {
  it('shows ISO and loosely typed real days as dd/mm/yyyy', () => {
    expect(displayDate('2026-11-22')).toBe('22/11/2026');
    expect(displayDate('2/3/2026')).toBe('02/03/2026');
    expect(displayDate(' 02.03.2026 ')).toBe('02/03/2026');
    expect(displayDate('02032026')).toBe('02/03/2026');
    expect(displayDate('29/02/2028')).toBe('29/02/2028');
    expect(displayDate('')).toBe('');
  });

  it('leaves what is not a real day as typed', () => {
    expect(displayDate('31/02/2026')).toBe('31/02/2026');
    expect(displayDate('29/02/2027')).toBe('29/02/2027');
    expect(displayDate('hôm qua')).toBe('hôm qua');
  });

  it('the server reads dd/mm/yyyy and refuses 31/02/2026 with a Vietnamese message naming the field', () => {
    const schema = z.object({ date: dateOnly });
    expect(isoDate(parseInput(schema, { date: '29/02/2028' }).date)).toBe('2028-02-29');
    expect(isoDate(parseInput(schema, { date: '2028-02-29' }).date)).toBe('2028-02-29');
    for (const wrong of ['31/02/2026', '29/02/2027', '2026-02-30']) {
      let error: unknown;
      try {
        parseInput(schema, { date: wrong });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      const vi = translateError('vi', error as AppError);
      expect(vi.fields.date).toBe('Ngày phải là ngày có thật, viết ngày/tháng/năm (dd/mm/yyyy), ví dụ 29/02/2028.');
      expect(translateError('en', error as AppError).fields.date).toBe('Date must be a real day written day/month/year (dd/mm/yyyy), e.g. 29/02/2028.');
    }
  });
});
