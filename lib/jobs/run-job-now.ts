import type { Actor } from '@/lib/auth/actor';
import { assertCan, assertInstallationWide } from '@/lib/auth/actor';
import { db, type JobRun } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { jobNamed, type JobContext } from './definitions';
import { errorMessage, heartbeatStale, performRun, startUnscheduledRun } from './run-job';

/** Whether a run of the job is alive now (its heartbeat is recent). */
async function isRunning(name: string): Promise<boolean> {
  const [{ alive }] = await db.$queryRaw<{ alive: number }[]>`
    SELECT COUNT(*)::int AS alive FROM "JobRun" WHERE "job" = ${name} AND "status" = 'RUNNING' AND NOT ${heartbeatStale}`;
  return alive > 0;
}

/**
 * An administrator runs a job now, outside its schedule (audited as job.start, then job.run or
 * job.failed). Answers at once with the run; `work` is its completion (tests await it).
 */
export async function runJobNow(actor: Actor, name: string): Promise<{ run: JobRun; work: Promise<JobRun> }> {
  assertCan(actor, 'jobs:run');
  assertInstallationWide(actor);
  const job = jobNamed(name);
  if (!job) throw notFound();
  if (await isRunning(job.name)) throw new AppError('CONFLICT', 'jobs.alreadyRunning');
  const run = await startUnscheduledRun(job, 'MANUAL', actor);
  const work = performRun(job, run, { actor });
  // The request has been answered; a failure to record the outcome is logged here.
  work.catch((error: unknown) => console.error(`[jobs] ${job.name}: could not record the run: ${errorMessage(error)}`));
  return { run, work };
}

/** `npm run loans:refresh` and the like: the job run from the command line, recorded as such. */
export async function runJobFromCommand(name: string, context: JobContext = {}): Promise<JobRun> {
  const job = jobNamed(name);
  if (!job) throw new Error(`no job named ${name}`);
  return performRun(job, await startUnscheduledRun(job, 'COMMAND', null), context);
}
