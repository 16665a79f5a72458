import { mkdtempSync, existsSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { advanceClock, setClock } from '@/lib/clock';
import { db, type Loan } from '@/lib/db';
import { JOBS, listJobs, runDueJobs, runJobNow, type JobDefinition } from './index';

// The server's own jobs on the test database, with the one clock set: what runs when the app's
// clock passes 00:05, what a second server (a concurrent call) does, what a failure leaves behind.

useTestDatabase();

const at = (iso: string) => new Date(iso);
const refreshRuns = () => db.jobRun.findMany({ where: { job: 'loans.refresh' }, orderBy: { startedAt: 'asc' } });

let admin: Actor;
let officer: Actor;
/** An administrator of one district: the jobs work on the whole installation, not on her unit. */
let districtAdmin: Actor;
let loan: Loan;
let exportDir: string;
beforeAll(async () => {
  setClock('2026-12-31T23:59:00+07:00');
  exportDir = mkdtempSync(path.join(tmpdir(), 'jobs-test-'));
  process.env.EXPORT_DIR = exportDir;
  const tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  admin = await actorFor('ADMIN', tree.province);
  districtAdmin = await actorFor('ADMIN', tree.districts[0]!);
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  // Disbursed four months ago and never repaid: overdue, one more day past due each night.
  const disbursed = await disbursedLoanOn(officer, leader, member!, programmes.HN!, '10.000.000', monthsAgo(4));
  loan = await db.loan.findUniqueOrThrow({ where: { id: disbursed.id } });
});

afterAll(() => setClock(null));

describe('the nightly jobs on the application clock', () => {
  it('run a missed slot once at the first tick, then nothing until the app clock passes 00:05; the new day refreshes loans exactly once', async () => {
    // What the clean-up finds: an export file two days old, an export and an import cut off by a
    // restart, and an old failed sign-in count.
    const oldFile = path.join(exportDir, 'old.csv');
    writeFileSync(oldFile, 'x');
    utimesSync(oldFile, new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000));
    const cutOff = await db.exportJob.create({ data: { kind: 'overdue', format: 'csv', params: {}, status: 'RUNNING', createdById: admin.userId } });
    await db.$executeRaw`UPDATE "ExportJob" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${cutOff.id}::uuid`;
    const cutImport = await db.importJob.create({
      data: { kind: 'members', locale: 'vi', fileName: 'tv.csv', status: 'RUNNING', createdById: admin.userId },
    });
    await db.$executeRaw`UPDATE "ImportJob" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${cutImport.id}::uuid`;
    await db.signInThrottle.create({ data: { key: 'ip:203.0.113.9', failures: 2, firstFailureAt: new Date(Date.now() - 3_600_000) } });

    // No run yet for today's slots: the first tick catches up, once.
    const caughtUp = await runDueJobs();
    expect(caughtUp.map((r) => [r.job, r.slot?.toISOString(), r.status])).toEqual([
      ['loans.refresh', at('2026-12-31T00:05:00+07:00').toISOString(), 'SUCCEEDED'],
      ['loans.month-ends', at('2026-12-31T00:45:00+07:00').toISOString(), 'SUCCEEDED'],
      ['exports.cleanup', at('2026-12-31T00:15:00+07:00').toISOString(), 'SUCCEEDED'],
      ['auth.throttle-cleanup', at('2026-12-31T00:20:00+07:00').toISOString(), 'SUCCEEDED'],
      ['privacy.anonymise', at('2026-12-31T01:30:00+07:00').toISOString(), 'SUCCEEDED'],
    ]);
    // The thirteen month ends up to November's are kept; the loan was open at four of them.
    expect(caughtUp[1]!.result).toEqual({ monthEnds: 13, loansComputed: 4 });
    expect(caughtUp[2]!.result).toEqual({ files: 1, exportJobs: 1, importJobs: 1 });
    expect(await db.importJob.findUniqueOrThrow({ where: { id: cutImport.id } })).toMatchObject({ status: 'FAILED' });
    expect(existsSync(oldFile)).toBe(false);
    expect(await db.exportJob.findUniqueOrThrow({ where: { id: cutOff.id } })).toMatchObject({ status: 'FAILED', error: 'reports.export.interrupted' });
    expect(caughtUp[3]!.result).toEqual({ throttles: 1 });
    expect(caughtUp[4]!.result).toEqual({ members: 0 }); // nobody's retention has ended

    const before = await db.loan.findUniqueOrThrow({ where: { id: loan.id } });
    expect(before.cachedAsOf?.toISOString().slice(0, 10)).toBe('2026-12-31');
    expect(before.cachedDaysPastDue).toBeGreaterThan(0);

    // 23:59 on the 31st: every slot has its run.
    expect(await runDueJobs()).toEqual([]);

    // The app clock passes 00:05 on 01/01/2027; two servers tick at the same moment.
    advanceClock(6 * 60_000);
    const [first, second] = await Promise.all([runDueJobs(), runDueJobs()]);
    const ran = [...first, ...second];
    expect(ran.map((r) => r.job)).toEqual(['loans.refresh']);
    expect(ran[0]).toMatchObject({ slot: at('2027-01-01T00:05:00+07:00'), status: 'SUCCEEDED', trigger: 'SCHEDULE', attempt: 1, result: { loans: 1 } });
    expect(ran[0]!.durationMs).toBeGreaterThanOrEqual(0);
    const after = await db.loan.findUniqueOrThrow({ where: { id: loan.id } });
    expect(after.cachedAsOf?.toISOString().slice(0, 10)).toBe('2027-01-01');
    expect(after.cachedDaysPastDue).toBe(before.cachedDaysPastDue! + 1);

    // Another tick later that night: nothing more.
    advanceClock(60_000);
    expect(await runDueJobs()).toEqual([]);
    // At 00:45 December is kept: the loan's overdue on 31/12 as the refresh of that day had it.
    advanceClock(40 * 60_000);
    const [kept] = await runDueJobs();
    expect(kept).toMatchObject({ job: 'loans.month-ends', status: 'SUCCEEDED', result: { monthEnds: 1, loansComputed: 1 } });
    expect(await db.loanMonthEnd.findUniqueOrThrow({ where: { monthEnd_loanId: { monthEnd: at('2026-12-31T00:00:00Z'), loanId: loan.id } } }))
      .toMatchObject({ overdue: before.cachedOverdue, daysPastDue: before.cachedDaysPastDue });
    const runs = await refreshRuns();
    expect(runs.map((r) => r.slot?.toISOString())).toEqual([at('2026-12-31T00:05:00+07:00').toISOString(), at('2027-01-01T00:05:00+07:00').toISOString()]);
    expect(await db.auditLog.count({ where: { action: 'job.run', entityId: ran[0]!.id, actorId: null } })).toBe(1);
  });

  it('record a job that throws as FAILED with its message, log it and audit it, and do not retry it every tick', async () => {
    const failing: JobDefinition = { name: 'test.fails', key: 'loansRefresh', pattern: '* * * * *', run: async () => { throw new Error('bank file missing\n    at somewhere'); } };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const [run] = await runDueJobs([failing]);
      expect(run).toMatchObject({ job: 'test.fails', status: 'FAILED', error: 'bank file missing', result: null });
      expect(logged).toHaveBeenCalledWith('[jobs] test.fails failed: bank file missing');
      const audit = await db.auditLog.findFirstOrThrow({ where: { action: 'job.failed', entityId: run!.id } });
      expect(audit).toMatchObject({ actorId: null, entity: 'JobRun' });
      expect(audit.after).toMatchObject({ job: 'test.fails', status: 'FAILED', error: 'bank file missing' });
      expect(await runDueJobs([failing])).toEqual([]);
    } finally {
      logged.mockRestore();
    }
  });

  it('take over the run of a slot whose process died, and fail runs that will not be taken over', async () => {
    const job: JobDefinition = { name: 'test.revived', key: 'loansRefresh', pattern: '0 0 * * *', run: async () => ({ loans: 7 }) };
    const slot = at('2027-01-01T00:00:00+07:00');
    const startedAt = at('2027-01-01T00:00:01+07:00');
    const dead = await db.jobRun.create({ data: { job: job.name, slot, startedAt } });
    const gaveUp = await db.jobRun.create({ data: { job: 'test.other', slot, startedAt, attempt: 3 } });
    const manual = await db.jobRun.create({ data: { job: 'test.other', trigger: 'MANUAL', startedAt } });
    const alive = await db.jobRun.create({ data: { job: 'test.alive', slot, startedAt } });
    await db.$executeRaw`UPDATE "JobRun" SET "heartbeatAt" = now() - interval '11 minutes' WHERE "id" IN (${dead.id}::uuid, ${gaveUp.id}::uuid, ${manual.id}::uuid)`;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const [run] = await runDueJobs([job]);
      expect(run).toMatchObject({ id: dead.id, status: 'SUCCEEDED', attempt: 2, result: { loans: 7 } });
      expect(await db.auditLog.count({ where: { action: 'job.retry', entityId: dead.id } })).toBe(1);
      for (const id of [gaveUp.id, manual.id]) {
        expect(await db.jobRun.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'FAILED', error: 'interrupted' });
        expect(await db.auditLog.count({ where: { action: 'job.failed', entityId: id } })).toBe(1);
      }
      expect((await db.jobRun.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe('RUNNING');
    } finally {
      logged.mockRestore();
    }
  });
});

describe('the jobs page and "run now"', () => {
  it('shows administrators each job with its last and next run; nobody else', async () => {
    const { jobs, runs } = await listJobs(admin);
    expect(jobs.map((j) => j.name)).toEqual(JOBS.map((j) => j.name));
    const refresh = jobs.find((j) => j.name === 'loans.refresh')!;
    expect(refresh.lastRun).toMatchObject({ status: 'SUCCEEDED', slot: at('2027-01-01T00:05:00+07:00') });
    expect(refresh.nextRunAt).toEqual(at('2027-01-02T00:05:00+07:00'));
    expect(runs.length).toBeGreaterThanOrEqual(5);
    expect((await failure(listJobs(officer))).code).toBe('FORBIDDEN');
    expect((await failure(listJobs(districtAdmin))).code).toBe('FORBIDDEN');
  });

  it('lets an administrator run a job now (audited under their name), once at a time', async () => {
    const { run, work } = await runJobNow(admin, 'loans.refresh');
    expect(run).toMatchObject({ status: 'RUNNING', trigger: 'MANUAL', slot: null, startedById: admin.userId });
    expect((await failure(runJobNow(admin, 'loans.refresh'))).key).toBe('jobs.alreadyRunning');
    expect(await work).toMatchObject({ status: 'SUCCEEDED', result: { loans: 0 } });
    expect(await db.auditLog.count({ where: { entityId: run.id, actorUsername: admin.username, action: { in: ['job.start', 'job.run'] } } })).toBe(2);
    expect((await failure(runJobNow(admin, 'no.such-job'))).code).toBe('NOT_FOUND');
    expect((await failure(runJobNow(officer, 'loans.refresh'))).code).toBe('FORBIDDEN');
    expect((await failure(runJobNow(districtAdmin, 'loans.refresh'))).code).toBe('FORBIDDEN');
  });
});
