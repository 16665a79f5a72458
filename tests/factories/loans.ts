import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db, type OrgUnit } from '@/lib/db';
import { addDays, addMonths } from '@/lib/loans/engine/dates';
import { seedProgrammes } from '@/lib/programmes/seed-programmes';

/** The demo programmes (HN 0,55 %, QQV revolving fund ...), created once per test database. */
export async function ensureProgrammes() {
  if ((await db.programme.count()) === 0) await db.$transaction((tx) => seedProgrammes(tx));
  const all = await db.programme.findMany();
  return Object.fromEntries(all.map((p) => [p.code, p]));
}

/** "YYYY-MM-DD" of a day relative to today in Vietnam. */
export const daysAgo = (n: number) => isoDate(addDays(todayInVietnam(), -n));
export const monthsAgo = (n: number) => isoDate(addMonths(todayInVietnam(), -n));

export type { OrgUnit };
