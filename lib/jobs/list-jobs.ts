import type { Actor } from '@/lib/auth/actor';
import { assertCan, assertInstallationWide } from '@/lib/auth/actor';
import { now } from '@/lib/clock';
import { db } from '@/lib/db';
import { TIME_ZONE } from '@/lib/i18n/config';
import { JOBS } from './definitions';
import { nextSlot } from './schedule';

/** Runs shown under "recent runs". */
export const RECENT_RUNS = 30;

/** Each job with its schedule, last run and next run (application clock), and the latest runs. */
export async function listJobs(actor: Actor) {
  assertCan(actor, 'jobs:read');
  // The jobs work on the whole installation, not on a unit.
  assertInstallationWide(actor);
  const at = now();
  const jobs = await Promise.all(
    JOBS.map(async (job) => ({
      name: job.name,
      key: job.key,
      pattern: job.pattern,
      timeZone: TIME_ZONE,
      nextRunAt: nextSlot(job.pattern, at),
      lastRun: await db.jobRun.findFirst({ where: { job: job.name }, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }] }),
    })),
  );
  const runs = await db.jobRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take: RECENT_RUNS });
  return { now: at, jobs, runs };
}

export type JobsOverview = Awaited<ReturnType<typeof listJobs>>;
