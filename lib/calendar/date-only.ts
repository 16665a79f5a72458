import { TIME_ZONE } from '@/lib/i18n/config';

// Calendar dates (due dates, founding decisions, join dates) are stored as PostgreSQL `date`,
// which Prisma hands over as a Date at 00:00 UTC. These helpers keep them zone-free.

/** "2026-11-22" or "22/11/2026" → Date at 00:00 UTC; null if not a real calendar date. */
export function parseDateOnly(text: string): Date | null {
  const trimmed = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!year) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? date : null;
}

/**
 * What a date field shows, dd/mm/yyyy whatever the browser's language (issue 21 §7): an ISO value
 * ("2026-11-22") or a loosely typed one ("22/11/2026", "2/3/2026", "02.03.2026", "02032026") of a real
 * day becomes "22/11/2026"; anything else is left as typed, for the server to refuse naming the field.
 */
export function displayDate(text: string): string {
  const trimmed = text.trim();
  const digits = /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  const loose = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(trimmed);
  const date = parseDateOnly(digits ? `${digits[1]}/${digits[2]}/${digits[3]}` : loose ? `${loose[1]}/${loose[2]}/${loose[3]}` : trimmed);
  return date ? formatDateOnly(date) : text;
}

/** Date at 00:00 UTC → "2026-11-22" */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Date at 00:00 UTC → "22/11/2026" */
export function formatDateOnly(date: Date): string {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

/** "YYYY-MM" of the month `shift` months from the one holding `date` (monthOf(today, -1): last month). */
export function monthOf(date: Date, shift = 0): string {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + shift, 1)).toISOString().slice(0, 7);
}

// Made once: building a formatter costs far more than formatting (an import reads "today" per row).
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Vietnam of an instant, at 00:00 UTC. Today is `today()` of lib/clock. */
export function vietnamDateOf(instant: Date): Date {
  const parts = VIETNAM_DAY.format(instant);
  return parseDateOnly(parts)!;
}
