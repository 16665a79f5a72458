import { spawn, type ChildProcess } from 'node:child_process';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { freePort, waitForServer } from '@/tests/setup/server-process.mjs';
import { apiToken, isoDayFromToday, signIn } from './helpers';
import { E2E_EXPORT_DIR, E2E_INSTANCE_ID } from './server-env';

// Several server instances (decision 026): a second instance B runs from the same production build
// on the same PostgreSQL and the same shared EXPORT_DIR as the suite's server A. An export asked of
// A is queued, taken by exactly one instance's worker (recorded in claimedBy) and downloaded from B;
// the browser session signed in on A is good on B (one NEXTAUTH_SECRET, kept in the database).
// Only on PostgreSQL (playwright.config.ts leaves it out otherwise): the embedded database is one
// process's folder, so it has one instance only.

test.setTimeout(300_000);

const SECOND_ID = 'e2e-b';
let child: ChildProcess | undefined;
let stderr = '';
let B = '';

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const port = Number(process.env.E2E_SECOND_PORT) || (await freePort());
  B = `http://127.0.0.1:${port}`;
  // The same command and settings as A (playwright.config.ts): start.ts finds the database migrated
  // and seeded, so it applies nothing and loads no demo data; the production build is A's.
  child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
      DATABASE_OWNER_URL: process.env.E2E_DATABASE_OWNER_URL ?? '',
      DATABASE_REPLICA_URL: process.env.E2E_DATABASE_REPLICA_URL ?? '',
      APP_CLOCK: process.env.APP_CLOCK ?? '',
      EXPORT_DIR: E2E_EXPORT_DIR,
      INSTANCE_ID: SECOND_ID,
      DEMO_PASSWORD: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true, // its own process group: start.ts and the Next server it spawns stop together
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitForServer(B, { attempts: 240, intervalMs: 500, stillStarting: () => child!.exitCode === null, why: () => `: ${stderr}` });
});

test.afterAll(async () => {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child!.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    return; // the group is gone already
  }
  await exited;
});

test('an export asked of server A is made by one instance and downloaded from server B', async ({ page, baseURL }) => {
  const params = { from: '2023-01-01', to: isoDayFromToday(0) };
  // What the report holds, read from B with an API token issued by A (tokens are database rows).
  const token = await apiToken(page.request, 'nhcs.yy');
  const expected = await page.request.get(`${B}/api/v1/reports/bank/disbursements?from=${params.from}&to=${params.to}`, { headers: { authorization: `Bearer ${token}` } });
  expect(expected.status()).toBe(200);
  const rows = ((await expected.json()) as { rows: unknown[] }).rows.length;
  expect(rows).toBeGreaterThan(0);

  // Signed in on A in the browser; the export is asked of A with that session.
  await signIn(page, 'nhcs.yy');
  const started = await page.request.post('/api/v1/export-jobs', { data: { kind: 'disbursements', format: 'xlsx', params }, headers: { origin: baseURL! } });
  expect(started.status()).toBe(202);
  const { id, status } = (await started.json()) as { id: string; status: string };
  expect(status).toBe('QUEUED');

  // Polled on B with the session cookie A signed: the same secret signs and reads it.
  let job: { status: string; claimedBy: string | null; rowsTotal: number | null; startedAt: string | null } | undefined;
  await expect.poll(async () => {
    const response = await page.request.get(`${B}/api/v1/export-jobs/${id}`);
    expect(response.status()).toBe(200);
    job = await response.json();
    return job!.status;
  }, { timeout: 60_000, intervals: [200, 500, 1000] }).toBe('DONE');
  // Taken by exactly one instance's worker, which it records.
  expect([E2E_INSTANCE_ID, SECOND_ID]).toContain(job!.claimedBy);
  expect(job).toMatchObject({ rowsTotal: rows, startedAt: expect.any(String) });
  test.info().annotations.push({ type: 'claimedBy', description: `made by ${job!.claimedBy}, downloaded from ${SECOND_ID}` });

  // Downloaded from B: the file is in the shared EXPORT_DIR, whichever instance wrote it.
  const file = await page.request.get(`${B}/api/v1/export-jobs/${id}/file`);
  expect(file.status()).toBe(200);
  const bytes = await file.body();
  expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK'); // an XLSX is a zip
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(sheet.actualRowCount).getCell(1).value).toBe(`Tổng cộng (${rows} món)`);
});

test('the other way round: a CSV asked of B with an API token is downloaded from A', async ({ request, baseURL }) => {
  const token = await apiToken(request, 'nhcs.yy');
  const headers = { authorization: `Bearer ${token}` };
  const params = { from: '2023-01-01', to: isoDayFromToday(0) };
  const started = await request.post(`${B}/api/v1/export-jobs`, { data: { kind: 'overdue', format: 'csv', params }, headers });
  expect(started.status()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  let job: { status: string; claimedBy: string | null; rowsTotal: number | null } | undefined;
  await expect.poll(async () => {
    job = await (await request.get(`${baseURL}/api/v1/export-jobs/${id}`, { headers })).json();
    return job!.status;
  }, { timeout: 60_000, intervals: [200, 500, 1000] }).toBe('DONE');
  expect([E2E_INSTANCE_ID, SECOND_ID]).toContain(job!.claimedBy);
  test.info().annotations.push({ type: 'claimedBy', description: `made by ${job!.claimedBy}, downloaded from ${E2E_INSTANCE_ID}` });
  const file = await request.get(`${baseURL}/api/v1/export-jobs/${id}/file`, { headers });
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toContain('text/csv');
  // The header line, one line per overdue loan, the totals line.
  expect(job!.rowsTotal).toBeGreaterThan(0);
  const lines = (await file.text()).replace(/^\uFEFF/, '').trim().split(/\r\n/);
  expect(lines).toHaveLength(job!.rowsTotal! + 2);
  expect(lines.at(-1)).toContain('Tổng cộng');
});
