import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { getExportJob, openExportFile, startExportJob } from './jobs';

// Decision 028: a register exported by a background job gives the same file as the streamed export
// and leaves the same record in the personal-data access log — when it is downloaded.

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
const exportsBy = (actor: Actor) => db.personalDataAccess.findMany({ where: { userId: actor.userId, kind: 'EXPORT' }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  process.env.EXPORT_DIR = mkdtempSync(path.join(tmpdir(), 'register-export-test-'));
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(tree.communes[0]!, 'VBSP');
  await addMembers(tree.communes[0]!, group.id, 4);
}, 60_000);

async function sheetRows(data: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('register exports as background jobs', () => {
  it('write the members register with its progress; the download gives the streamed file and records the same access', async () => {
    const members = await db.member.count({ where: { orgUnitId: tree.communes[0]!.id } });
    const { job, work } = await startExportJob(officer, { kind: 'register.members', format: 'xlsx', params: {} });
    expect(job.status).toBe('QUEUED');
    await work;
    const done = await getExportJob(officer, job.id);
    expect(done).toMatchObject({ status: 'DONE', rowsDone: members, rowsTotal: members });
    expect(done.fileName).toMatch(/^members-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(done).not.toHaveProperty('memberIds'); // polled every 0.8 s: never the members' ids
    expect(job).not.toHaveProperty('memberIds');
    expect(await exportsBy(officer)).toHaveLength(0); // written, not yet given to anyone

    const file = await openExportFile(officer, job.id);
    const fromJob = await sheetRows(await streamToBuffer(file.stream));
    const streamed = await sheetRows(await streamToBuffer((await exportRegister(officer, 'members', 'xlsx')).stream));
    expect(fromJob).toEqual(streamed);
    expect(fromJob).toHaveLength(members + 1);

    const [downloaded, direct] = await exportsBy(officer);
    const recorded = (e: typeof downloaded) => ({
      source: e!.source, format: e!.format, rowCount: e!.rowCount, fields: e!.fields, memberIds: [...e!.memberIds].sort(),
    });
    expect(recorded(downloaded)).toEqual(recorded(direct));
    expect(downloaded!.memberIds).toHaveLength(members);
    expect(await db.auditLog.count({ where: { entityId: job.id, action: { in: ['export.start', 'export.download'] } } })).toBe(2);
  });

  it('write every register kind, CSV with the semicolon too, masked as the streamed export masks it', async () => {
    for (const name of ['groups', 'org-units', 'loans', 'repayments', 'savings', 'reorganisation']) {
      const started = startExportJob(leader, { kind: `register.${name}`, format: 'csv', params: { sep: 'semicolon' } });
      const { job, work } = await started.catch(() => ({ job: null, work: null }));
      if (!job) continue; // a register the district leader may not read (the access test covers who may)
      await work;
      expect(await getExportJob(leader, job.id)).toMatchObject({ status: 'DONE', fileName: expect.stringMatching(new RegExp(`^${name}-.*\\.csv$`)) });
    }
    const { job, work } = await startExportJob(leader, { kind: 'register.members', format: 'csv', params: { sep: 'semicolon' } });
    await work;
    const text = new TextDecoder().decode(await streamToBuffer((await openExportFile(leader, job.id)).stream));
    const streamed = new TextDecoder().decode(await streamToBuffer((await exportRegister(leader, 'members', 'csv', ';')).stream));
    expect(text).toBe(streamed);
    expect(text.split('\r\n')[0]).toContain(';');
  });

  it('refuse an unknown register or format, and a reader without the register permission, before queueing', async () => {
    expect((await failure(startExportJob(officer, { kind: 'register.everything', format: 'xlsx', params: {} }))).fields).toEqual(['kind']);
    expect((await failure(startExportJob(officer, { kind: 'register.members', format: 'pdf', params: {} }))).fields).toEqual(['format']);
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    const denied = await failure(startExportJob(liaison, { kind: 'register.reorganisation', format: 'xlsx', params: {} }));
    expect(denied.code).toBe('FORBIDDEN');
    expect(await db.exportJob.count({ where: { OR: [{ createdById: liaison.userId }, { kind: 'register.everything' }, { format: 'pdf' }] } })).toBe(0);
  });
});
