import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { databaseUrlWithName } from '@/tests/setup/global-database';
import { freePort, waitForServer } from '@/tests/setup/server-process.mjs';
import { DEMO_PASSWORD } from './helpers';

// The real server runs its nightly job by itself while it serves (issue 19): `npm start` with the
// app clock pinned 25 s before 00:05 on 01/01/2027 and a 2-second scheduler tick. Signed in as the
// administrator through the API, the spec watches GET /api/v1/jobs until the loan refresh of the new
// day has succeeded, and finds exactly one run for that slot (plus the one catch-up run of the
// previous day's slot at start). Its own server on its own database: a fresh embedded folder, or a
// fresh database on E2E_DATABASE_URL's PostgreSQL server.

test.setTimeout(240_000);

const NEW_DAY_SLOT = new Date('2027-01-01T00:05:00+07:00').toISOString();
const PREVIOUS_SLOT = new Date('2026-12-31T00:05:00+07:00').toISOString();

type Run = { job: string; slot: string | null; status: string; trigger: string; result: { loans?: number } | null; error: string | null };
type Overview = { now: string; jobs: { name: string; lastRun: Run | null; nextRunAt: string }[]; runs: Run[] };

async function freshDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  // (The owner's URL where the server runs as a runtime role: creating a database is the owner's work.)
  const serverUrl = process.env.E2E_DATABASE_OWNER_URL || process.env.E2E_DATABASE_URL;
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), 'scheduled-jobs-'));
    return { env: { DATABASE_URL: '', PGLITE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `e2e_jobs_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  return {
    env: { DATABASE_URL: databaseUrlWithName(serverUrl, name) },
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

test('the running server refreshes loans once when its clock passes 00:05', async ({ page }) => {
  const database = await freshDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';
  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], {
      env: {
        ...process.env,
        ...database.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DEMO_PASSWORD: '',
        NEXT_TELEMETRY_DISABLED: '1',
        APP_CLOCK: '2027-01-01T00:04:35+07:00',
        SCHEDULER: '',
        SCHEDULER_TICK_SECONDS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const started = child;
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitForServer(base, { attempts: 360, intervalMs: 500, stillStarting: () => started.exitCode === null, why: () => `: ${output.slice(-2000)}` });

    const signIn = await fetch(`${base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'tw.quantri', password: DEMO_PASSWORD }) });
    expect(signIn.status).toBe(201);
    const { token } = (await signIn.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}` };

    let overview: Overview | undefined;
    const newDayRun = () => overview?.runs.find((r) => r.job === 'loans.refresh' && r.slot === NEW_DAY_SLOT && r.status !== 'RUNNING');
    for (let i = 0; i < 90 && !newDayRun(); i++) {
      const response = await fetch(`${base}/api/v1/jobs`, { headers });
      expect(response.status).toBe(200);
      overview = (await response.json()) as Overview;
      if (!newDayRun()) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(newDayRun(), `no finished loans.refresh run for 01/01/2027 00:05; server output: ${output.slice(-2000)}`).toMatchObject({ status: 'SUCCEEDED', trigger: 'SCHEDULE', error: null });
    // The demo data was loaded on the new day already, so the loans may be up to date: a count.
    expect(newDayRun()!.result?.loans).toEqual(expect.any(Number));
    expect(new Date(overview!.now).getTime()).toBeGreaterThanOrEqual(new Date(NEW_DAY_SLOT).getTime());

    // A few more ticks: still one run per slot (the catch-up of the 31st at start, and the 1st).
    await new Promise((r) => setTimeout(r, 5000));
    overview = (await (await fetch(`${base}/api/v1/jobs`, { headers })).json()) as Overview;
    const refreshes = overview.runs.filter((r) => r.job === 'loans.refresh' && r.trigger === 'SCHEDULE');
    expect(refreshes.filter((r) => r.slot === NEW_DAY_SLOT)).toHaveLength(1);
    expect(refreshes.filter((r) => r.slot === PREVIOUS_SLOT)).toHaveLength(1);
    expect(overview.jobs.find((j) => j.name === 'loans.refresh')!.nextRunAt).toBe(new Date('2027-01-02T00:05:00+07:00').toISOString());
    expect(output).not.toMatch(/\[jobs\] .* failed/);

    // What the administrator sees on /jobs.
    await page.goto(`${base}/login`);
    await page.getByLabel('Tên đăng nhập').fill('tw.quantri');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect(page.getByTestId('current-user')).toBeVisible();
    await page.goto(`${base}/jobs`);
    const row = page.getByTestId('jobs').getByRole('row', { name: /Cập nhật số liệu khoản vay/ });
    await expect(row).toContainText('Hằng ngày lúc 00:05');
    await expect(row).toContainText('Thành công');
    await expect(row).toContainText('02/01/2027 00:05');
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    await database.drop();
  }
});
