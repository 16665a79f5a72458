import { monthOf } from '@/lib/calendar/date-only';

// A group meets once a month on its meeting day; that day is the collection day of the month's sheet.

/** The collection day of a month: the group's meeting day (clamped to the month's end), else its last day. */
export function sheetDate(month: string, meetingDay: number | null): Date {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return new Date(Date.UTC(year, mon - 1, Math.min(meetingDay ?? last, last)));
}

/**
 * The month of the group's latest meeting on or before `today`: this month once its meeting day has
 * come, last month before it. The sheet the officer fills at (or just after) a meeting.
 */
export function latestMeetingMonth(meetingDay: number | null, today: Date): string {
  const thisMonth = monthOf(today);
  return sheetDate(thisMonth, meetingDay) <= today ? thisMonth : monthOf(today, -1);
}
