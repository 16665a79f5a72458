import { parseDateOnly, vietnamDateOf } from '@/lib/calendar/date-only';

// The application's one clock. Business dates ("today" in Asia/Ho_Chi_Minh: due dates, the default
// period of a report, what may not be posted in the future), the demo data, the generator and the
// scheduled jobs all read it; nothing else calls `new Date()` for a business date. Technical
// timestamps (when a row was written, when a token expires) stay on the machine's time.
//
// APP_CLOCK pins it, for tests, demos and support ("the sheet as it looked on 10/03"):
// - "2028-02-29": that day, from 08:00 in Vietnam, running forward from the process's start;
// - "2027-01-01T00:04:30+07:00": that instant, running forward (to watch a nightly job happen).
// Unset: the machine's time.

const PINNED_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The instant `value` names: a day (08:00 in Vietnam) or an ISO instant; null if neither. */
export function parseClockSetting(value: string): Date | null {
  const text = value.trim();
  if (PINNED_DAY.test(text)) {
    const day = parseDateOnly(text);
    return day ? new Date(day.getTime() + 1 * 3_600_000) : null; // 08:00 at UTC+7 is 01:00 UTC
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

function offsetFromEnvironment(): number {
  const setting = process.env.APP_CLOCK?.trim();
  if (!setting) return 0;
  const instant = parseClockSetting(setting);
  if (!instant) throw new Error(`APP_CLOCK="${setting}" is neither a day (YYYY-MM-DD) nor an ISO instant (YYYY-MM-DDTHH:mm:ss+07:00)`);
  // From the process's start, not from this module's evaluation: the server's bundles (the
  // scheduler's, each route's) evaluate their own copies of this module at different moments, and
  // must all read the same clock.
  return instant.getTime() - performance.timeOrigin;
}

let offsetMs = offsetFromEnvironment();

/** The application's current instant. */
export function now(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's calendar date in Vietnam (a Date at 00:00 UTC, as `date` columns are read). */
export function todayInVietnam(): Date {
  return vietnamDateOf(now());
}

/** The current year in Vietnam. */
export function currentYear(): number {
  return todayInVietnam().getUTCFullYear();
}

/**
 * Sets the clock (tests): a day ("2028-02-29", 08:00 in Vietnam), an instant, or null for the
 * machine's time. The clock runs forward from there.
 */
export function setClock(at: string | Date | null): void {
  if (at === null) {
    offsetMs = 0;
    return;
  }
  const instant = typeof at === 'string' ? parseClockSetting(at) : at;
  if (!instant) throw new Error(`not a day or an instant: ${String(at)}`);
  offsetMs = instant.getTime() - Date.now();
}

/** Moves the clock forward (or back) by some milliseconds (tests: "it is now past midnight"). */
export function advanceClock(ms: number): void {
  offsetMs += ms;
}
