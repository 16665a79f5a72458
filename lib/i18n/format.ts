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

/** → "01:30 22/11/2026": the time first, as "Số liệu tính đến 01:30 22/11/2026" reads. */
export function formatTimeDate(date: Date): string {
  return `${timeFormat.format(date)} ${formatDate(date)}`;
}

/** A ratio (0.8 → "80,00 %"): Vietnamese decimal comma, two places; "—" when undefined. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toFixed(2).replace('.', ',')} %`;
}

/** The unit a chart's amounts are drawn in: millions of đồng, or billions once the largest is a billion or more. */
export interface ChartUnit {
  divisor: 1_000_000 | 1_000_000_000;
  /** Catalogue key of the unit's name (dashboard.units.million: "triệu đồng"). */
  key: 'million' | 'billion';
}

/** The unit for a chart's amounts (đồng): tỷ đồng when the largest (in absolute value) reaches 1.000.000.000, else triệu đồng. */
export function chartUnitFor(values: readonly number[]): ChartUnit {
  const largest = values.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
  return largest >= 1_000_000_000 ? { divisor: 1_000_000_000, key: 'billion' } : { divisor: 1_000_000, key: 'million' };
}

const inUnitFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** An amount of đồng in the chart's unit, Vietnamese style: 1_234_500_000 in millions → "1.234,5". */
export function formatInUnit(amount: number, unit: ChartUnit): string {
  const text = inUnitFormat.format(amount / unit.divisor);
  return text === '-0' ? '0' : text;
}

/** A share, one decimal, Vietnamese comma (0.1234 → "12,3 %"); "—" when undefined. */
export function formatShare(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(Math.round(ratio * 1000) / 10).toFixed(1).replace('.', ',')} %`;
}
