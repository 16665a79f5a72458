import { performance } from 'node:perf_hooks';
import type { Actor } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { db, Prisma, type JobRun } from '@/lib/db';
import type { JobContext, JobDefinition, JobResult } from './definitions';

// Running one job and recording it: a JobRun row (claimed before the work starts), a heartbeat
// while it works, then its outcome, duration and result — and an audit row, so a failure is never
// silent. Scheduled runs claim their slot in ./run-due-jobs.ts; this file does the rest.

/** How often a living run touches its heartbeat. */
export const HEARTBEAT_MS = 60_000;
/** A RUNNING run whose heartbeat is older than this lost its process. */
export const STALE_MINUTES = 10;

/** SQL: a run's heartbeat is stale (on the database's clock, which writes the heartbeats). */
export const heartbeatStale = Prisma.sql`"heartbeatAt" < now() - make_interval(mins => ${STALE_MINUTES})`;

export type JobTrigger = 'SCHEDULE' | 'MANUAL' | 'COMMAND';

/** First line of an error, short: what the log and the /jobs page show (no stack, no data rows). */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim()) ?? 'unknown error').trim().slice(0, 500);
}

/** A run started by hand (an administrator, or the command line): no slot, never conflicts. */
export async function startUnscheduledRun(job: JobDefinition, trigger: Exclude<JobTrigger, 'SCHEDULE'>, actor: Actor | null): Promise<JobRun> {
  return db.$transaction(async (tx) => {
    const run = await tx.jobRun.create({ data: { job: job.name, trigger, startedAt: now(), startedById: actor?.userId ?? null } });
    if (actor) await writeAudit(tx, auditActorOf(actor), { action: 'job.start', entity: 'JobRun', entityId: run.id, after: { job: job.name, trigger } });
    return run;
  });
}

/** Does the work of a run this process holds, then records how it ended. */
export async function performRun(job: JobDefinition, run: JobRun, options: JobContext & { actor?: Actor | null } = {}): Promise<JobRun> {
  const started = performance.now();
  const heartbeat = setInterval(() => {
    db.$executeRaw`UPDATE "JobRun" SET "heartbeatAt" = now() WHERE "id" = ${run.id}::uuid AND "status" = 'RUNNING'`.catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let outcome: { status: 'SUCCEEDED'; result: JobResult } | { status: 'FAILED'; error: string };
  try {
    outcome = { status: 'SUCCEEDED', result: await job.run({ onProgress: options.onProgress }) };
  } catch (error) {
    outcome = { status: 'FAILED', error: errorMessage(error) };
    console.error(`[jobs] ${job.name} failed: ${outcome.error}`);
  } finally {
    clearInterval(heartbeat);
  }
  const durationMs = Math.round(performance.now() - started);
  const actor = options.actor ? auditActorOf(options.actor) : null;
  return db.$transaction(async (tx) => {
    // By id and attempt: if another instance took the slot over meanwhile, its record stands.
    const { count } = await tx.jobRun.updateMany({
      where: { id: run.id, attempt: run.attempt },
      data: {
        status: outcome.status,
        finishedAt: now(),
        durationMs,
        result: outcome.status === 'SUCCEEDED' ? outcome.result : Prisma.DbNull,
        error: outcome.status === 'FAILED' ? outcome.error : null,
      },
    });
    const after = await tx.jobRun.findUniqueOrThrow({ where: { id: run.id } });
    if (count === 1) {
      await writeAudit(tx, actor, {
        action: outcome.status === 'SUCCEEDED' ? 'job.run' : 'job.failed',
        entity: 'JobRun',
        entityId: run.id,
        after: { job: job.name, slot: run.slot, trigger: run.trigger, attempt: run.attempt, status: outcome.status, durationMs, ...('result' in outcome ? { result: outcome.result } : { error: outcome.error }) },
      });
    }
    return after;
  });
}
