import { TIME_ZONE } from './config';

// Dates are shown dd/mm/yyyy in Vietnam's time zone, whichever the interface language.
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

/** 2026-11-21T18:30Z → "22/11/2026" (already the 22nd in Hà Nội). */
export function formatDate(date: Date): string {
  return dateFormat.format(date);
}

/** → "22/11/2026 01:30" */
export function formatDateTime(date: Date): string {
  return `${formatDate(date)} ${timeFormat.format(date)}`;
}

/** A ratio (0.8 → "80,00 %"): Vietnamese decimal comma, two places; "—" when undefined. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toFixed(2).replace('.', ',')} %`;
}
