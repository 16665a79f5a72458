import { beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { loadRouteHandlers, type RouteHandler } from '@/tests/access/route-harness';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { formatDateOnly, parseDateOnly } from '@/lib/calendar/date-only';
import { db } from '@/lib/db';
import { postRepayment } from '@/lib/loans';
import { addMonths } from '@/lib/loans/engine/dates';
import { getImportJob, startImportJob } from './jobs';
import { membersKind } from './kinds/members-kind';
import { MEMBER_SPEC } from './kinds/members-columns';
import { LOAN_SPEC } from './kinds/loans-kind';
import { REPAYMENT_SPEC, repaymentsKind } from './kinds/repayments-kind';
import { runImport } from './run-import';
import type { TableSpec } from './types';
import { streamToBuffer } from './web-stream';
import { writeCsv } from './write-csv';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor & { token: string };
let groupCode: string;
let handlers = new Map<string, RouteHandler>();

beforeAll(async () => {
  handlers = await loadRouteHandlers();
  tree = await createOrgTree();
  const actor = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  officer = { ...actor, token: (await issueApiToken(actor.userId, actor.username, null)).token };
  groupCode = (await makeGroup(tree.communes[0]!)).code;
});

const csv = async (spec: TableSpec, rows: Record<string, string>[]) => streamToBuffer(writeCsv(spec, rows));
const memberRow = (i: number) => ({
  communeCode: tree.communes[0]!.code, groupCode, code: `JOB${i}`, fullName: `Đỗ Thị Nền ${i}`, gender: 'Nữ', birthYear: '1980', nationalId: nextNationalId(1980),
  phone: '', address: '', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '', status: '', leftAt: '',
});
const members = () => db.member.count({ where: { fullName: { startsWith: 'Đỗ Thị Nền' } } });

async function api(method: 'GET' | 'POST', path: string, token: string, body?: FormData, headers: Record<string, string> = {}) {
  const route = path.startsWith('imports/jobs/') ? 'imports/jobs/[id]' : 'imports';
  const id = path.split('/')[2]?.split('?')[0] ?? '';
  const request = new Request(`http://127.0.0.1/api/v1/${path}`, { method, body, headers: { authorization: `Bearer ${token}`, ...headers } });
  return handlers.get(`${method} ${route}`)!(request, { params: Promise.resolve({ id }) });
}

/** The job as its creator reads it, once it has ended (the work runs in this process). */
async function ended(id: string, token = officer.token) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = await (await api('GET', `imports/jobs/${id}`, token)).json();
    if (job.status === 'DONE' || job.status === 'FAILED') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the job did not end');
}

describe('imports as background jobs', () => {
  it('answer 202 with the job, which runs the import and records its progress and result, for its creator only', async () => {
    const form = new FormData();
    form.set('file', new Blob([Buffer.from(await csv(MEMBER_SPEC, [0, 1, 2].map(memberRow)))]), 'thanh-vien.csv');
    const response = await api('POST', 'imports?kind=members&dryRun=0', officer.token, form, { prefer: 'respond-async' });
    expect(response.status).toBe(202);
    const { id, status } = await response.json();
    expect(['QUEUED', 'RUNNING']).toContain(status);
    expect(response.headers.get('location')).toBe(`/api/v1/imports/jobs/${id}`);

    const job = await ended(id);
    expect(job).toMatchObject({ status: 'DONE', kind: 'members', fileName: 'thanh-vien.csv', done: 3, total: 3, result: { ok: true, created: 3, rows: 3 } });
    expect(await members()).toBe(3);
    // The file is not kept once the job has ended; the start is audited.
    expect(await db.importJob.findUniqueOrThrow({ where: { id }, select: { file: true } })).toEqual({ file: null });
    expect(await db.auditLog.count({ where: { action: 'import.start', entityId: id } })).toBe(1);

    // Another officer of the same commune cannot read it: 404, as for something that does not exist.
    const colleague = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
    const token = (await issueApiToken(colleague.userId, colleague.username, null)).token;
    expect((await api('GET', `imports/jobs/${id}`, token)).status).toBe(404);

    // A file with problems: the job ends with the rows' problems, nothing written (as the 422 of a plain request).
    const bad = new FormData();
    bad.set('file', new Blob([Buffer.from(await csv(MEMBER_SPEC, [{ ...memberRow(9), gender: 'X' }]))]), 'sai.csv');
    const refused = await ended((await (await api('POST', 'imports?kind=members&async=1', officer.token, bad)).json()).id);
    expect(refused).toMatchObject({ status: 'DONE', result: { ok: false, issues: [{ row: 2, column: 'Giới tính' }] } });
    expect(await members()).toBe(3);
  });

  it('refuse an unknown kind or a kind the user may not import at once, before storing anything', async () => {
    const form = new FormData();
    form.set('file', new Blob(['x']), 'x.csv');
    expect((await api('POST', 'imports?kind=everything', officer.token, form, { prefer: 'respond-async' })).status).toBe(400);
    expect((await api('POST', 'imports?kind=loans', officer.token, form, { prefer: 'respond-async' })).status).toBe(403);
    expect(await db.importJob.count({ where: { createdById: officer.userId, kind: { in: ['everything', 'loans'] } } })).toBe(0);
  });

  it('write nothing when the import fails while writing: the job fails and says so', async () => {
    const file = { fileName: 'tv.csv', data: await csv(MEMBER_SPEC, [10, 11].map(memberRow)) };
    const apply = membersKind.apply.bind(membersKind);
    const spy = vi.spyOn(membersKind, 'apply').mockImplementation(async (...args) => {
      await apply(...args);
      throw new Error('disk full'); // after every member and its audit entry were inserted
    });
    const before = await members();
    try {
      const { job, work } = await startImportJob(officer, { kind: 'members', dryRun: false, locale: 'vi', file });
      await work;
      expect(await getImportJob(officer, job.id, 'vi')).toMatchObject({ status: 'FAILED', error: { code: 'INTERNAL', message: expect.stringContaining('Dữ liệu chưa được lưu') } });
    } finally {
      spy.mockRestore();
    }
    expect(await members()).toBe(before);
  });

  it('refuse, writing nothing, repayments when a payment is posted by hand between checking and writing', async () => {
    await ensureProgrammes();
    const province = await actorFor('PROVINCE_OFFICER', tree.province);
    const [member] = await addMembers(tree.communes[0]!, (await db.group.findFirstOrThrow({ where: { code: groupCode } })).id, 1);
    const disbursedAt = parseDateOnly(monthsAgo(5))!;
    const loanRow = {
      number: 'JOB-1', communeCode: tree.communes[0]!.code, nationalId: member!.nationalId, programmeCode: 'HN', disbursedAt: formatDateOnly(disbursedAt), amount: '12.000.000',
      termMonths: '12', rate: '', frequency: '', purpose: 'Chăn nuôi',
    };
    expect(await runImport(province, 'loans', { fileName: 'l.csv', data: await csv(LOAN_SPEC, [loanRow]) }, { dryRun: false, locale: 'vi' })).toMatchObject({ ok: true });
    const loan = await db.loan.findUniqueOrThrow({ where: { number: 'JOB-1' } });
    const rows = [1, 2].map((k) => ({ number: 'JOB-1', date: formatDateOnly(addMonths(disbursedAt, k)), principal: '1.000.000', interest: '', amount: '' }));
    const validate = repaymentsKind.validate.bind(repaymentsKind);
    const spy = vi.spyOn(repaymentsKind, 'validate').mockImplementation(async (actor, table) => {
      const result = await validate(actor, table);
      await postRepayment(officer, loan.id, { date: monthsAgo(0), amount: '100.000' });
      return result;
    });
    try {
      const { job, work } = await startImportJob(officer, { kind: 'repayments', dryRun: false, locale: 'vi', file: { fileName: 'r.csv', data: await csv(REPAYMENT_SPEC, rows) } });
      await work;
      expect(await getImportJob(officer, job.id, 'vi')).toMatchObject({ status: 'FAILED', error: { code: 'CONFLICT', message: expect.stringContaining('chưa có gì được lưu') } });
    } finally {
      spy.mockRestore();
    }
    expect(await db.loanTransaction.findMany({ where: { loanId: loan.id, kind: 'REPAYMENT' }, select: { amount: true } })).toEqual([{ amount: 100_000n }]);
  });

  it('shows a job cut off by a restart as failed, with nothing written', async () => {
    const job = await db.importJob.create({ data: { kind: 'members', locale: 'vi', fileName: 'tv.csv', status: 'RUNNING', createdById: officer.userId } });
    expect(await getImportJob(officer, job.id, 'vi')).toMatchObject({ status: 'RUNNING' });
    await db.$executeRaw`UPDATE "ImportJob" SET "updatedAt" = now() - interval '10 minutes' WHERE "id" = ${job.id}::uuid`;
    expect(await getImportJob(officer, job.id, 'vi')).toMatchObject({ status: 'FAILED', error: { message: expect.stringContaining('không có dòng nào được lưu') } });
  });
});
