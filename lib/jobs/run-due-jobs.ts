import { writeAudit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { db, type JobRun } from '@/lib/db';
import { JOBS, type JobDefinition } from './definitions';
import { heartbeatStale, performRun } from './run-job';
import { latestSlot } from './schedule';

// One tick of the scheduler (./scheduler.ts), safe to call from any number of server instances at
// once: for each job, the latest slot at or before the application clock's now is claimed by
// inserting its JobRun (INSERT ... ON CONFLICT DO NOTHING on the unique (job, slot)); whoever
// inserted runs it, everyone else does nothing. So a slot runs once across instances, a slot
// missed while no server ran is run by the first tick after start (only the latest one: a daily
// job does not run once per missed day), and a pinned APP_CLOCK decides when a job is due.
//
// A run whose process died (no heartbeat for STALE_MINUTES) is taken over by the next tick, at
// most MAX_ATTEMPTS times for its slot; after that, and for unscheduled runs, it is marked FAILED
// ("interrupted") and audited. A run that failed with an error is not retried by the schedule: the
// next slot runs as usual, and an administrator may run it now from /jobs.

export const MAX_ATTEMPTS = 3;
/** What the error of a run whose process died reads (the /jobs page words it). */
export const INTERRUPTED = 'interrupted';

async function claimSlot(job: JobDefinition, slot: Date): Promise<JobRun | null> {
  const claimed = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "JobRun" ("job", "slot", "startedAt") VALUES (${job.name}, ${slot}, ${now()})
    ON CONFLICT ("job", "slot") DO NOTHING RETURNING "id"`;
  return claimed[0] ? db.jobRun.findUniqueOrThrow({ where: { id: claimed[0].id } }) : null;
}

/** Takes over the slot's run if its process died (one UPDATE: one instance wins). */
async function takeOverSlot(job: JobDefinition, slot: Date): Promise<JobRun | null> {
  const taken = await db.$queryRaw<{ id: string }[]>`
    UPDATE "JobRun" SET "attempt" = "attempt" + 1, "startedAt" = ${now()}, "heartbeatAt" = now()
    WHERE "job" = ${job.name} AND "slot" = ${slot} AND "status" = 'RUNNING' AND "attempt" < ${MAX_ATTEMPTS}
      AND ${heartbeatStale}
    RETURNING "id"`;
  if (!taken[0]) return null;
  const run = await db.jobRun.findUniqueOrThrow({ where: { id: taken[0].id } });
  console.error(`[jobs] ${job.name}: the run of ${slot.toISOString()} lost its process; attempt ${run.attempt}`);
  await writeAudit(db, null, { action: 'job.retry', entity: 'JobRun', entityId: run.id, after: { job: job.name, slot, attempt: run.attempt, error: INTERRUPTED } });
  return run;
}

/** Marks runs whose process died and that will not be taken over as FAILED, audited. */
async function failDeadRuns(): Promise<number> {
  return db.$transaction(async (tx) => {
    const dead = await tx.$queryRaw<Pick<JobRun, 'id' | 'job' | 'slot' | 'trigger' | 'attempt'>[]>`
      UPDATE "JobRun" SET "status" = 'FAILED', "error" = ${INTERRUPTED}, "finishedAt" = ${now()}
      WHERE "status" = 'RUNNING' AND ${heartbeatStale}
      RETURNING "id", "job", "slot", "trigger", "attempt"`;
    for (const run of dead) {
      console.error(`[jobs] ${run.job} failed: ${INTERRUPTED} (no heartbeat)`);
      await writeAudit(tx, null, { action: 'job.failed', entity: 'JobRun', entityId: run.id, after: { ...run, status: 'FAILED', error: INTERRUPTED } });
    }
    return dead.length;
  });
}

/** Runs every job whose latest slot has no run yet; returns the runs this call performed. */
export async function runDueJobs(jobs: JobDefinition[] = JOBS): Promise<JobRun[]> {
  const performed: JobRun[] = [];
  for (const job of jobs) {
    const slot = latestSlot(job.pattern, now());
    if (!slot) continue;
    const run = (await claimSlot(job, slot)) ?? (await takeOverSlot(job, slot));
    if (run) performed.push(await performRun(job, run));
  }
  await failDeadRuns();
  return performed;
}
