import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, Prisma, type ImportJobStatus } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { toLocale, type Locale } from '@/lib/i18n/config';
import { translateError } from '@/lib/i18n/translate';
import { lane } from '@/lib/jobs/queue';
import { isUuid } from '@/lib/org/find-org-unit';
import { importKind } from './kinds/registry';
import type { ImportFile } from './read-table';
import { runImport, type ImportProgress } from './run-import';

// Background imports (decisions 022, 026). The request stores the file in a QUEUED ImportJob row
// and answers 202 at once; a worker of any server instance claims the job (QUEUED → RUNNING, one
// worker only: lib/jobs/queue.ts), runs it as its creator, writes its progress and then its result
// back to the row, and drops the file. The import itself is one transaction, so a job cut off by a
// restart wrote nothing: it reads as failed. The row is the job's only state, so any instance
// answers the polls.

/** A job not heard from for this long was cut off (the server restarted): it reads as failed. */
const STALE_MS = 2 * 60_000;
/** Progress is written at most this often; a heartbeat keeps a long statement's job alive. */
const PROGRESS_MS = 500;
const HEARTBEAT_MS = 30_000;
/**
 * Jobs this process is running (its own are never stale to it: on the embedded database a long
 * import's heartbeat waits for its transaction). On globalThis: the worker and the routes may load
 * this module separately.
 */
const runningHere = ((globalThis as unknown as { __hoiImportsRunning?: Set<string> }).__hoiImportsRunning ??= new Set<string>());

const VIEW = {
  id: true, kind: true, dryRun: true, fileName: true, status: true, phase: true, done: true, total: true, result: true, error: true,
  createdAt: true, startedAt: true, finishedAt: true, updatedAt: true,
} satisfies Prisma.ImportJobSelect;

const json = (value: unknown) => JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v))) as Prisma.InputJsonValue;

/**
 * Stores the file as a queued job of the actor and wakes this instance's worker; `work` is that
 * worker's run of the queue (tests await it; another instance's worker may take the job instead).
 */
export async function startImportJob(actor: Actor, input: { kind: string; dryRun: boolean; locale: Locale; file: ImportFile }) {
  assertCan(actor, 'import:run');
  assertCan(actor, importKind(input.kind).permission); // an unknown kind or a missing permission answers now, not in the background
  const job = await db.$transaction(async (tx) => {
    // The bytes travel as base64 text decoded by the database (the embedded database's driver
    // adapter does not pass binary parameters through Prisma).
    const id = randomUUID();
    await tx.$executeRaw`
      INSERT INTO "ImportJob" ("id", "kind", "dryRun", "locale", "fileName", "file", "createdById", "updatedAt")
      VALUES (${id}::uuid, ${input.kind}, ${input.dryRun}, ${input.locale}, ${input.file.fileName}, decode(${Buffer.from(input.file.data).toString('base64')}, 'base64'),
        ${actor.userId}::uuid, now())`;
    const after = { kind: input.kind, dryRun: input.dryRun, fileName: input.file.fileName, bytes: input.file.data.byteLength };
    await writeAudit(tx, auditActorOf(actor), { action: 'import.start', entity: 'ImportJob', entityId: id, after });
    return tx.importJob.findUniqueOrThrow({ where: { id }, select: VIEW });
  });
  return { job: present(job), work: importLane.drain() };
}

/**
 * Runs a job this instance claimed, as its creator (loaded now). Never throws: a failure is
 * written to the job.
 */
export async function runImportJob(id: string): Promise<void> {
  runningHere.add(id);
  let locale: Locale = 'vi';
  let pending: Promise<unknown> = Promise.resolve();
  // Writes are chained and never awaited inside the import (on the embedded database they wait for its transaction).
  const write = (data: Prisma.ImportJobUpdateInput) => {
    pending = pending.then(() => db.importJob.update({ where: { id }, data, select: { id: true } })).catch(() => undefined);
  };
  const heartbeat = setInterval(() => write({ updatedAt: new Date() }), HEARTBEAT_MS);
  let last = 0;
  const onProgress = (p: ImportProgress) => {
    if (Date.now() - last < PROGRESS_MS && p.done !== p.total && p.done !== 0) return;
    last = Date.now();
    write({ phase: p.phase, done: p.done, total: p.total });
  };
  try {
    const job = await db.importJob.findUniqueOrThrow({ where: { id } });
    locale = toLocale(job.locale);
    const who = await loadActor(job.createdById, { requestId: `import-job:${id}` });
    if (!who || !job.file) throw new AppError('FORBIDDEN', 'errors.forbidden');
    const result = await runImport(who, job.kind, { fileName: job.fileName, data: new Uint8Array(job.file) }, { dryRun: job.dryRun, locale, onProgress });
    clearInterval(heartbeat);
    await pending;
    await db.importJob.update({ where: { id }, data: { status: 'DONE', result: json(result), file: null, phase: null, done: result.rows, total: result.rows, finishedAt: new Date() } });
  } catch (error) {
    clearInterval(heartbeat);
    await pending;
    if (!(error instanceof AppError)) console.error(error);
    const failure = error instanceof AppError ? translateError(locale, error) : { ...translateError(locale, new AppError('BAD_REQUEST', 'errors.internal')), code: 'INTERNAL' };
    await db.importJob.update({ where: { id }, data: { status: 'FAILED', error: json(failure), file: null, finishedAt: new Date() } }).catch(() => undefined);
  } finally {
    runningHere.delete(id);
  }
}

/** This instance's import worker: one import at a time (lib/jobs/worker.ts polls it). */
export const importLane = lane('ImportJob', runImportJob);

const interrupted = (locale: Locale) => json(translateError(locale, new AppError('CONFLICT', 'imports.job.interrupted'))) as Prisma.JsonObject;
/** A running job not heard from; a queued one is never stale (it waits for a free worker of any instance). */
const isStale = (job: { id: string; status: ImportJobStatus; updatedAt: Date }) =>
  job.status === 'RUNNING' && !runningHere.has(job.id) && Date.now() - job.updatedAt.getTime() > STALE_MS;
/** Nobody waits a day for an import: a job still queued then is given up (its file dropped). */
const GIVE_UP_MS = 24 * 3600_000;
const givenUp = (job: { status: ImportJobStatus; createdAt: Date }) => job.status === 'QUEUED' && Date.now() - job.createdAt.getTime() > GIVE_UP_MS;

type JobRow = Prisma.ImportJobGetPayload<{ select: typeof VIEW }>;
function present(job: JobRow) {
  const { updatedAt: _heard, ...view } = job;
  return view;
}

/** The actor's own job (anyone else's answers "not found"); one cut off by a restart reads as failed, with nothing written. */
export async function getImportJob(actor: Actor, id: string, locale: Locale) {
  const job = isUuid(id) ? await db.importJob.findFirst({ where: { id, createdById: actor.userId }, select: VIEW }) : null;
  if (!job) throw notFound();
  // Reads never write: the nightly clean-up (failAbandonedImportJobs) records it as failed.
  return present(isStale(job) ? { ...job, status: 'FAILED', phase: null, error: interrupted(locale) } : job);
}

/**
 * Marks every job cut off by a restart as failed and drops its file, and any still queued after a
 * day (the nightly clean-up); returns how many.
 */
export async function failAbandonedImportJobs(): Promise<number> {
  const stale = await db.importJob.findMany({
    where: {
      OR: [
        { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - STALE_MS) } },
        { status: 'QUEUED', createdAt: { lt: new Date(Date.now() - GIVE_UP_MS) } },
      ],
    },
    select: { id: true, status: true, updatedAt: true, createdAt: true, locale: true },
  });
  let failed = 0;
  for (const job of stale.filter((j) => isStale(j) || givenUp(j))) {
    const { count } = await db.importJob.updateMany({
      where: { id: job.id, status: job.status, updatedAt: job.updatedAt },
      data: { status: 'FAILED', error: interrupted(toLocale(job.locale)), file: null, phase: null, finishedAt: new Date() },
    });
    failed += count;
  }
  return failed;
}
