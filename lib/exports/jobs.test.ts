import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { instanceId } from '@/lib/jobs/queue';
import { startJobWorker } from '@/lib/jobs/worker';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { getExportJob, openExportFile, startExportJob } from './jobs';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let leader: Actor;
beforeAll(async () => {
  process.env.EXPORT_DIR = mkdtempSync(path.join(tmpdir(), 'export-test-'));
  tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const group = await makeGroup(tree.communes[0]!);
  for (const member of await addMembers(tree.communes[0]!, group.id, 3)) await disbursedLoanOn(officer, leader, member, programmes.HN!, '5.000.000', '2026-03-02');
});

describe('background exports', () => {
  it('write the report to a file with its progress, for its creator only, audited on download', async () => {
    const params = { from: '2026-01-01', to: '2026-06-30' };
    const { job, work } = await startExportJob(leader, { kind: 'disbursements', format: 'xlsx', params });
    expect(job.status).toBe('QUEUED'); // the request only queues it; this instance's worker was woken
    await work;
    const done = await getExportJob(leader, job.id);
    expect(done).toMatchObject({ status: 'DONE', rowsDone: 3, rowsTotal: 3, fileName: 'disbursements-2026-01-01-2026-06-30.xlsx', claimedBy: instanceId() });
    const file = await openExportFile(leader, job.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await streamToBuffer(file.stream)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(sheet.actualRowCount).getCell(1).value).toBe('Tổng cộng (3 món)');
    expect(await db.auditLog.count({ where: { entityId: job.id, action: { in: ['export.start', 'export.download'] } } })).toBe(2);

    const someoneElse = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    expect((await failure(getExportJob(someoneElse, job.id))).code).toBe('NOT_FOUND');
  });

  it('refuse a bad kind, format, period or unit at once, before any work', async () => {
    expect((await failure(startExportJob(leader, { kind: 'everything', format: 'xlsx', params: { from: '2026-01-01', to: '2026-02-01' } }))).fields).toEqual(['kind']);
    expect((await failure(startExportJob(leader, { kind: 'overdue', format: 'pdf', params: { from: '2026-01-01', to: '2026-02-01' } }))).fields).toEqual(['format']);
    expect((await failure(startExportJob(leader, { kind: 'overdue', format: 'csv', params: { from: '2026-03-01', to: '2026-02-01' } }))).fields).toEqual(['to']);
    expect((await failure(startExportJob(leader, { kind: 'overdue', format: 'csv', params: { from: '2026-01-01', to: '2026-02-01', orgUnitId: tree.districts[1]!.id } }))).code).toBe('NOT_FOUND');
    expect(await db.exportJob.count({ where: { createdById: leader.userId, status: 'RUNNING' } })).toBe(0);
  });

  it('shows a job cut off by a restart as failed, and will not serve an unfinished file', async () => {
    const job = await db.exportJob.create({ data: { kind: 'overdue', format: 'csv', params: {}, status: 'RUNNING', createdById: leader.userId } });
    expect((await failure(openExportFile(leader, job.id))).key).toBe('reports.export.notReady');
    await db.$executeRaw`UPDATE "ExportJob" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${job.id}::uuid`;
    expect(await getExportJob(leader, job.id)).toMatchObject({ status: 'FAILED', error: 'reports.export.interrupted' });
    // A queued one only waits for a free worker: never read as cut off.
    const queued = await db.exportJob.create({ data: { kind: 'overdue', format: 'csv', params: {}, createdById: leader.userId } });
    await db.$executeRaw`UPDATE "ExportJob" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${queued.id}::uuid`;
    expect(await getExportJob(leader, queued.id)).toMatchObject({ status: 'QUEUED' });
    await db.exportJob.delete({ where: { id: queued.id } });
  });

  it('are taken by the polling worker when queued by another instance (only a row, nobody woken here)', async () => {
    const queued = await db.exportJob.create({
      data: { kind: 'overdue', format: 'csv', params: { from: '2026-01-01', to: '2026-06-30' }, createdById: leader.userId },
    });
    const stop = startJobWorker(20);
    try {
      await expect.poll(async () => (await getExportJob(leader, queued.id)).status, { timeout: 20_000, interval: 50 }).toBe('DONE');
    } finally {
      stop();
    }
    expect(await getExportJob(leader, queued.id)).toMatchObject({ claimedBy: instanceId(), startedAt: expect.any(Date), fileName: 'overdue-2026-01-01-2026-06-30.csv' });
  });
});
