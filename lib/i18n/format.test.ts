import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('dates in Asia/Ho_Chi_Minh', () => {
  it('shows dd/mm/yyyy of the Vietnamese calendar day', () => {
    expect(formatDate(new Date('2026-11-21T18:30:00Z'))).toBe('22/11/2026');
    expect(formatDate(new Date('2026-01-05T03:00:00Z'))).toBe('05/01/2026');
  });

  it('shows the 24-hour local time', () => {
    expect(formatDateTime(new Date('2026-11-21T18:30:00Z'))).toBe('22/11/2026 01:30');
  });
});
