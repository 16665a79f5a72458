import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { ensureRuntimeRole } from '@/lib/db/runtime-role';
import { postgresExecutor } from '@/lib/db/sql-executor';
import { databaseUrlWithName } from '@/tests/setup/global-database';
import { binPath, ensureBuild } from './build';
import { runCli } from './run';

// npm test — the whole suite: vitest (unit + service tests on PGlite, or on DATABASE_URL's server)
// then Playwright end-to-end tests in Chromium against the production build on a fresh database.
// Ends with one summary line over both runners: "Tests: N passed, N failed".

const ARTIFACTS = path.resolve('tests/.artifacts');

function run(pkg: string, bin: string, args: string[], env: Record<string, string | undefined>): number {
  const result = spawnSync(process.execPath, [binPath(pkg, bin), ...args], { stdio: 'inherit', env: env as NodeJS.ProcessEnv });
  return result.status ?? 1;
}

function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function withE2eDatabase<T>(fn: (env: Record<string, string>) => T): Promise<T> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const dir = path.join(ARTIFACTS, 'e2e-data');
    rmSync(dir, { recursive: true, force: true });
    return fn({ E2E_PGLITE_DIR: dir, E2E_DATABASE_URL: '', E2E_DATABASE_REPLICA_URL: '' });
  }
  const name = `e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const ownerUrl = databaseUrlWithName(serverUrl, name);
  // The server runs as a role that owns nothing, set up the way `npm run db:roles` does (decision 020).
  const role = await createRuntimeRole(ownerUrl, `${name}_app`);
  // With a streaming replica of the server, the e2e server reads its reports there, as the same role (decision 021).
  const replicaUrl = process.env.DATABASE_REPLICA_URL ? databaseUrlWithName(process.env.DATABASE_REPLICA_URL, name) : '';
  const replica = { E2E_DATABASE_REPLICA_URL: replicaUrl && role ? withUser(replicaUrl, role) : replicaUrl };
  try {
    return fn(role ? { E2E_DATABASE_URL: withUser(ownerUrl, role), E2E_DATABASE_OWNER_URL: ownerUrl, ...replica } : { E2E_DATABASE_URL: ownerUrl, ...replica });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    if (role) await admin.query(`DROP ROLE IF EXISTS "${role}"`);
    await admin.end();
  }
}

/** The runtime role for the e2e server, or null (with a note) where the server's user may not create roles. */
async function createRuntimeRole(ownerUrl: string, role: string): Promise<string | null> {
  const owner = await postgresExecutor(ownerUrl);
  try {
    await ensureRuntimeRole(owner, role, null);
    return role;
  } catch (error) {
    console.log(`(The e2e server runs as DATABASE_URL's own role: ${(error as Error).message})`);
    return null;
  } finally {
    await owner.close();
  }
}

function withUser(url: string, user: string): string {
  const u = new URL(url);
  u.username = user;
  u.password = '';
  return u.toString();
}

/** A free port for the e2e server, so a second test run on the same machine cannot collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

runCli(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(path.join(ARTIFACTS, 'screenshots'), { recursive: true });
  const env: Record<string, string | undefined> = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', E2E_PORT: process.env.E2E_PORT ?? String(await freePort()) };
  const onWhat = env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';

  console.log(`\n== Unit and service tests (vitest, ${onWhat}) ==`);
  const vitestJson = path.join(ARTIFACTS, 'vitest.json');
  const vitestStatus = run('vitest', 'vitest.mjs', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`], env);
  const unit = readJson<{ numPassedTests: number; numFailedTests: number }>(vitestJson);

  console.log(`\n== End-to-end tests (Playwright, Chromium, ${onWhat}) ==`);
  ensureBuild();
  const playwrightStatus = await withE2eDatabase((dbEnv) => run('@playwright/test', 'cli.js', ['test'], { ...env, ...dbEnv }));
  const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(path.join(ARTIFACTS, 'playwright.json'));

  const passed = (unit?.numPassedTests ?? 0) + (e2e ? e2e.stats.expected + e2e.stats.flaky : 0);
  // A runner that crashed, wrote no report, or (e2e) ran no test at all counts as one failure.
  const unitFailed = unit ? unit.numFailedTests + (vitestStatus !== 0 && unit.numFailedTests === 0 ? 1 : 0) : 1;
  const e2eBroken = !e2e || e2e.stats.expected === 0 || (playwrightStatus !== 0 && e2e.stats.unexpected === 0);
  const failed = unitFailed + (e2e?.stats.unexpected ?? 0) + (e2eBroken ? 1 : 0);
  if (existsSync(path.join(ARTIFACTS, 'screenshots'))) console.log(`Screenshots: ${path.relative(process.cwd(), path.join(ARTIFACTS, 'screenshots'))}/`);
  console.log(`Tests: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
});
