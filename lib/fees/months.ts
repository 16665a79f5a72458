import { monthOf } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';

/** "YYYY-MM" of the month before today's in Vietnam (statements default to the last full month). */
export const previousMonth = (today = todayInVietnam()) => monthOf(today, -1);

/** The months of the calendar quarter holding a month ("2026-08" → "2026-07".."2026-09"). */
export function quarterOf(month: string): { fromMonth: string; toMonth: string } {
  const year = Number(month.slice(0, 4));
  const first = Math.floor((Number(month.slice(5, 7)) - 1) / 3) * 3 + 1;
  const pad = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
  return { fromMonth: pad(first), toMonth: pad(first + 2) };
}

