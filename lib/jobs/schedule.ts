import { Cron } from 'croner';
import { TIME_ZONE } from '@/lib/i18n/config';

// When a job is due. Patterns are read in Vietnam's time zone and evaluated against the application
// clock (lib/clock), never the machine's: with APP_CLOCK pinned the job runs when the app's clock
// passes its time. croner does the calendar arithmetic; these instances are paused and have no
// function, so they never set a timer.

const patterns = new Map<string, Cron>();

function cronOf(pattern: string): Cron {
  let cron = patterns.get(pattern);
  if (!cron) {
    cron = new Cron(pattern, { timezone: TIME_ZONE, paused: true });
    patterns.set(pattern, cron);
  }
  return cron;
}

/** The latest instant of the schedule at or before `at` (the slot a run at `at` is for). */
export function latestSlot(pattern: string, at: Date): Date | null {
  // croner counts a run "earlier in the same second" as previous, but not one at the very instant.
  return cronOf(pattern).previousRuns(1, new Date(at.getTime() + 1))[0] ?? null;
}

/** The first instant of the schedule after `at`. */
export function nextSlot(pattern: string, at: Date): Date | null {
  return cronOf(pattern).nextRun(at);
}

/** A pattern in words: "daily at 00:05" for the daily ones, else the pattern itself. */
export function describeSchedule(pattern: string): { kind: 'daily'; time: string } | { kind: 'cron'; pattern: string } {
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(pattern);
  if (!daily) return { kind: 'cron', pattern };
  return { kind: 'daily', time: `${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')}` };
}
