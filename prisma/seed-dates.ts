import { isoDate, monthOf, parseDateOnly } from '@/lib/calendar/date-only';
import type { getCollectionSheet } from '@/lib/collections';
import { latestMeetingMonth, sheetDate } from '@/lib/collections/meeting-dates';

// The demo's history is laid out in meetings counted back from the clock's today, so that on any
// day of any month (a month's last day, 31/12 → 1/1, 29/02) every journey has something to do:
// the sheets of the two latest meetings are open, with money due and two members overdue.

/** Demo groups that have loan history, and their meeting days. */
export const DEMO_MEETING_DAYS = { 'TK-03': 5, 'QQV-01': 20 } as const;
export type DemoHistoryGroup = keyof typeof DEMO_MEETING_DAYS;

/** The month of the meeting `back` meetings before the group's latest one on or before `today`. */
export function meetingMonth(meetingDay: number, today: Date, back: number): string {
  return monthOf(parseDateOnly(`${latestMeetingMonth(meetingDay, today)}-01`)!, -back);
}

/** The day ("YYYY-MM-DD") of that meeting. */
export function meetingDay(meetingDayOfMonth: number, today: Date, back: number): string {
  return isoDate(sheetDate(meetingMonth(meetingDayOfMonth, today, back), meetingDayOfMonth));
}

/**
 * What the demo holds for a history group, relative to today: loans disbursed at the meeting four
 * back, the sheets of the next two meetings saved, the last two open (`open[0]` the older).
 */
export function demoMeetings(group: DemoHistoryGroup, today: Date) {
  const day = DEMO_MEETING_DAYS[group];
  return {
    disbursedOn: meetingDay(day, today, 4),
    savedMonths: [meetingMonth(day, today, 3), meetingMonth(day, today, 2)],
    openMonths: [meetingMonth(day, today, 1), meetingMonth(day, today, 0)],
  };
}

/** A sheet's rows as a meeting where everyone came and paid exactly what was due. */
export function paidAsDue(sheet: Awaited<ReturnType<typeof getCollectionSheet>>) {
  return sheet.rows.map((r) => ({
    memberId: r.member.id,
    attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
  }));
}
