import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { loadActor } from '@/lib/auth/load-actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { textArray } from '@/lib/db/text-array';
import { AppError, notFound } from '@/lib/errors';
import { keepAlive, lane } from '@/lib/jobs/queue';
import { isUuid } from '@/lib/org/find-org-unit';
import { fieldsGiven, type PersonalField } from '@/lib/privacy/personal-fields';
import { recordExport } from '@/lib/privacy/record-export';
import { BANK_REPORTS, isBankReportKind, reportContext, type BankReportInput } from '@/lib/reports/bank';
import { carriesPersonalData } from '@/lib/reports/bank/export-report';
import { reportCsv, reportXlsx } from '@/lib/reports/tabular';
import { registerExportRecord } from '@/lib/imports/export-register';
import { checkRegisterJob, isRegisterJobKind, prepareRegisterJob, registerNameOf, type RegisterJobParams } from './register-jobs';

// Background exports (decisions 026, 028): a bank report, or a register (kind "register.members" …,
// lib/exports/register-jobs.ts). The request checks the input and the reader's scope, queues
// a job and answers at once; a worker of any server instance claims it (lib/jobs/queue.ts, one
// instance only), runs it as its creator and writes the file into EXPORT_DIR, where it stays a day.
// With several instances EXPORT_DIR is one shared folder, so any instance serves the download
// (docs/scaling.md). The report is read from the replica when there is one (the bank's reports call
// readDb); the job's own row — written here, polled by its owner — stays on the primary (decision 021).

const KEEP_MS = 24 * 3600_000;
/** A running job not heard from for this long was cut off (server restarted): it is shown as failed. */
const STALE_MS = 2 * 60_000;
/** Heartbeat of a running job: well inside STALE_MS, for a report that takes long to read. */
const HEARTBEAT_MS = 30_000;
/** The shared folder every instance writes and serves export files from. */
export const exportDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.EXPORT_DIR?.trim() || path.join(tmpdir(), 'hoi-lhpn-exports'));
const fileOf = (id: string, format: string) => path.join(/*turbopackIgnore: true*/ exportDir(), `${id}.${format}`);

export const EXPORT_CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;
export type ExportFormat = keyof typeof EXPORT_CONTENT_TYPES;

type JobParams = BankReportInput | RegisterJobParams;

/**
 * Queues a background export of a bank report or a register and wakes this instance's worker; `work`
 * is that worker's run of the queue (tests await it; another instance's worker may take the job instead).
 */
export async function startExportJob(actor: Actor, input: { kind: string; format: string; params: JobParams }) {
  if (isRegisterJobKind(input.kind)) {
    checkRegisterJob(actor, input.kind, input.format); // the register's own read permission
  } else {
    assertCan(actor, 'loan:read');
    if (!isBankReportKind(input.kind)) throw new AppError('VALIDATION', 'reports.export.unknownKind', {}, { kind: { key: 'reports.export.unknownKind' } });
    if (input.format !== 'xlsx' && input.format !== 'csv') throw new AppError('VALIDATION', 'reports.export.unknownFormat', {}, { format: { key: 'reports.export.unknownFormat' } });
    await reportContext(actor, input.params as BankReportInput); // validates the period and the unit now, not in the background
  }
  const job = await db.$transaction(async (tx) => {
    const created = await tx.exportJob.create({ data: { kind: input.kind, format: input.format, params: input.params as object, createdById: actor.userId } });
    await writeAudit(tx, auditActorOf(actor), { action: 'export.start', entity: 'ExportJob', entityId: created.id, after: created });
    const { memberIds: _none, personalFields: _yet, ...shown } = created; // empty until the worker writes the file
    return shown;
  });
  return { job, work: exportLane.drain() };
}

/** Runs a job this instance claimed, as its creator (loaded now). Never throws: a failure is written to the job. */
export async function runExportJob(id: string): Promise<void> {
  const stop = keepAlive('ExportJob', id, HEARTBEAT_MS);
  try {
    const job = await db.exportJob.findUniqueOrThrow({ where: { id } });
    const actor = await loadActor(job.createdById, { requestId: `export-job:${id}` });
    if (!actor) throw new AppError('FORBIDDEN', 'errors.forbidden');
    if (job.format !== 'xlsx' && job.format !== 'csv') throw new AppError('VALIDATION', 'reports.export.unknownFormat');
    const prepared = isRegisterJobKind(job.kind)
      ? await prepareRegister(actor, job.kind, job.format, job.params as RegisterJobParams)
      : await prepareBankReport(actor, job.kind, job.format, job.params as unknown as BankReportInput);
    await writeExport(id, job.format, prepared);
  } catch (error) {
    const message = error instanceof AppError ? error.messageKey : 'errors.internal';
    if (!(error instanceof AppError)) console.error(error);
    await db.exportJob.update({ where: { id }, data: { status: 'FAILED', error: message, finishedAt: new Date() } }).catch(() => undefined);
  } finally {
    stop();
  }
}

/** This instance's export worker: one export at a time (lib/jobs/worker.ts polls it). */
export const exportLane = lane('ExportJob', runExportJob);

/** An export ready to be written: its size, whose personal data it gives, and the file, reporting its progress. */
interface PreparedExport {
  rowsTotal: number;
  memberIds: string[];
  personalFields: PersonalField[];
  fileName: string;
  /** The register is counted before it is read and may change meanwhile: the rows written are the total. */
  countedWhileWritten?: boolean;
  stream(progress: (rowsDone: number) => void): ReadableStream<Uint8Array>;
}

async function prepareBankReport(actor: Actor, kind: string, format: ExportFormat, params: BankReportInput): Promise<PreparedExport> {
  if (!isBankReportKind(kind)) throw new AppError('VALIDATION', 'reports.export.unknownKind');
  const report = await BANK_REPORTS[kind](actor, params);
  const personal = carriesPersonalData(report);
  return {
    rowsTotal: report.rows.length,
    memberIds: personal ? (report.memberIds ?? []) : [],
    personalFields: personal ? fieldsGiven(actor, report.columns.map((c) => c.key)) : [],
    fileName: `${report.kind}-${String(params.from)}-${String(params.to)}.${format}`,
    stream: (progress) => (format === 'xlsx' ? reportXlsx(report, progress) : reportCsv(report, progress)),
  };
}

async function prepareRegister(actor: Actor, kind: string, format: ExportFormat, params: RegisterJobParams): Promise<PreparedExport> {
  const { file, ...register } = await prepareRegisterJob(actor, kind, format, params ?? {});
  return { ...register, countedWhileWritten: true, stream: (progress) => file(progress).stream };
}

async function writeExport(id: string, format: ExportFormat, prepared: PreparedExport) {
  await mkdir(/*turbopackIgnore: true*/ exportDir(), { recursive: true });
  await removeExpiredExportFiles();
  const { rowsTotal, memberIds, personalFields } = prepared;
  // The members as one text parameter, not through the ORM (lib/db/text-array.ts: ~50 MB less at 100,000).
  await db.$executeRaw`UPDATE "ExportJob" SET "rowsTotal" = ${rowsTotal}::int, "memberIds" = ${textArray(memberIds)}::text[],
    "personalFields" = ${textArray(personalFields)}::text[], "updatedAt" = now() WHERE "id" = ${id}::uuid`;
  let last = 0;
  let rowsWritten = 0;
  let pending = Promise.resolve();
  const progress = (rowsDone: number) => {
    rowsWritten = rowsDone;
    if (Date.now() - last < 300) return;
    last = Date.now();
    pending = pending.then(() => db.exportJob.update({ where: { id }, data: { rowsDone } }).then(() => undefined));
  };
  const stream = prepared.stream(progress);
  // Written under a temporary name and renamed when complete: another instance never serves half a file.
  const partial = `${fileOf(id, format)}.partial`;
  await pipeline(Readable.fromWeb(stream as never), createWriteStream(/*turbopackIgnore: true*/ partial));
  await rename(/*turbopackIgnore: true*/ partial, fileOf(id, format));
  await pending;
  const rowsDone = prepared.countedWhileWritten ? rowsWritten : rowsTotal;
  await db.exportJob.update({ where: { id }, data: { status: 'DONE', rowsDone, rowsTotal: rowsDone, fileName: prepared.fileName, finishedAt: new Date() } });
}

/**
 * Removes export files older than a day; returns how many. Run before each export and by the
 * server's nightly job (lib/jobs), so files go even when nobody exports.
 */
export async function removeExpiredExportFiles(): Promise<number> {
  let names: string[];
  try {
    names = await readdir(/*turbopackIgnore: true*/ exportDir());
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0; // nothing exported yet
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(/*turbopackIgnore: true*/ exportDir(), name);
    // Another instance may be removing the same file from the shared folder at the same time.
    const modified = await stat(/*turbopackIgnore: true*/ file).then((s) => s.mtimeMs, () => null);
    if (modified !== null && Date.now() - modified > KEEP_MS) {
      await rm(/*turbopackIgnore: true*/ file, { force: true });
      removed += 1;
    }
  }
  return removed;
}

const INTERRUPTED = { status: 'FAILED', error: 'reports.export.interrupted' } as const;

/**
 * Marks every job cut off by a restart as failed, and any still queued after a day (no worker took
 * it: nobody waits that long) — the nightly job; returns how many.
 */
export async function failAbandonedExportJobs(): Promise<number> {
  const { count } = await db.exportJob.updateMany({
    where: {
      OR: [
        { status: 'RUNNING', updatedAt: { lt: new Date(Date.now() - STALE_MS) } },
        { status: 'QUEUED', createdAt: { lt: new Date(Date.now() - KEEP_MS) } },
      ],
    },
    data: { ...INTERRUPTED, finishedAt: new Date() },
  });
  return count;
}

/**
 * Left out of what the job's owner polls: a province register's file names 100,000 members, and
 * each poll (every 0.8 s from the page) would carry their ids — 3.9 MB — for nothing.
 */
const RECORDED_AT_DOWNLOAD = { memberIds: true, personalFields: true } as const;

/** The actor's own job (anyone else's answers "not found"); one cut off by a restart reads as failed. */
export async function getExportJob(actor: Actor, id: string) {
  return ownJob(actor, id, RECORDED_AT_DOWNLOAD);
}

async function ownJob(actor: Actor, id: string, omit: Partial<Record<keyof typeof RECORDED_AT_DOWNLOAD, true>> = {}) {
  const job = isUuid(id) ? await db.exportJob.findFirst({ where: { id, createdById: actor.userId }, omit }) : null;
  if (!job) throw notFound();
  // Reads never write: the nightly job (failAbandonedExportJobs) records it as failed. A queued job
  // is never stale: it waits for a free worker of any instance.
  return job.status === 'RUNNING' && Date.now() - job.updatedAt.getTime() > STALE_MS ? { ...job, ...INTERRUPTED } : job;
}

/** The finished file of the actor's job, as a stream; audited as an export of personal data. */
export async function openExportFile(actor: Actor, id: string) {
  const job = await ownJob(actor, id);
  if (job.status !== 'DONE' || !job.fileName) throw new AppError('CONFLICT', 'reports.export.notReady');
  const file = fileOf(job.id, job.format);
  try {
    await stat(/*turbopackIgnore: true*/ file);
  } catch {
    throw new AppError('NOT_FOUND', 'reports.export.expired');
  }
  const fields = job.personalFields as PersonalField[];
  await recordExport(actor, {
    audit: { action: 'export.download', entity: 'ExportJob', entityId: job.id, after: { kind: job.kind, params: job.params, fileName: job.fileName } },
    // A register's file is recorded as its streamed export is (same source, rows and fields).
    ...(isRegisterJobKind(job.kind)
      ? registerExportRecord(registerNameOf(job.kind), job.format, job.memberIds, fields)
      : { source: `report.${job.kind}`, format: job.format, filters: job.params as Record<string, unknown>, rowCount: job.rowsTotal ?? undefined, memberIds: job.memberIds, fields }),
  });
  return {
    stream: Readable.toWeb(createReadStream(/*turbopackIgnore: true*/ file)) as ReadableStream<Uint8Array>,
    fileName: job.fileName,
    contentType: EXPORT_CONTENT_TYPES[job.format as ExportFormat],
  };
}
