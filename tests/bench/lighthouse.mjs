// npm run lighthouse — Lighthouse performance scores of the sign-in page and of the dashboards of a
// district leader and of the province (signed in) against the production build (npm start, on a
// free port), with
// Debian's Chromium (CHROMIUM_PATH, default /usr/bin/chromium). Each page is scored three times with
// Lighthouse's mobile settings (a mid-range phone on a slow 4G link, simulated) and its desktop
// preset; the median is reported with its metrics. Issue 10's target: ≥ 90.
// The database is DATABASE_URL's PostgreSQL if set, else a fresh embedded database in a temporary
// folder (demo data loaded on first start). Output: a Markdown table and
// bench-results/<date>-lighthouse.json. Exits 1 if a median is under 90 (--report-only: exits 0).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { freePort, waitForServer } from '../setup/server-process.mjs';

const PORT = await freePort();
const BASE = `http://localhost:${PORT}`;
const CHROME = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 3;
const TARGET = 90;

// Plain JavaScript, run by node: Lighthouse sends some of its own functions to the browser as
// text, and a TypeScript loader's helpers (tsx's __name) would break them there.

/** The session cookie of a signed-in user, as a Cookie header. */
async function sessionCookie(username) {
  const browser = await chromium.launch({ executablePath: CHROME });
  try {
    const page = await browser.newPage();
    await page.goto(`${BASE}/login`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill(process.env.DEMO_PASSWORD || 'Demo@2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByTestId('current-user').waitFor();
    return (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  } finally {
    await browser.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One Lighthouse run in a new browser (nothing — cache, cookies, headers — carries over). */
async function runOnce(page, url, preset, cookie) {
  const chrome = await launch({ chromePath: CHROME, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const flags = { port: chrome.port, onlyCategories: ['performance'], logLevel: 'error', output: 'json', ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}) };
    const result = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== new URL(url).pathname) throw new Error(`${url} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
    const metric = (id) => Math.round(lhr.audits[id]?.numericValue ?? NaN);
    return {
      page, preset,
      score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
      fcpMs: metric('first-contentful-paint'), lcpMs: metric('largest-contentful-paint'), tbtMs: metric('total-blocking-time'),
      cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN).toFixed(3)), siMs: metric('speed-index'),
    };
  } finally {
    chrome.kill();
  }
}

/** The median of RUNS runs of one page with one preset ('mobile' or 'desktop'). */
async function score(page, url, preset, cookie) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runOnce(page, url, preset, cookie));
  const mid = median(runs.map((r) => r.score));
  return runs.find((r) => r.score === mid);
}

async function main() {
  const dataDir = process.env.DATABASE_URL ? null : mkdtempSync(path.join(tmpdir(), 'lighthouse-db-'));
  const env = { ...process.env, PORT: String(PORT), ...(dataDir ? { PGLITE_DIR: dataDir } : {}) };
  const server = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await waitForServer(BASE);
    const [leader, province] = [await sessionCookie('huyen.yy'), await sessionCookie('tinh')];
    const scores = [];
    for (const preset of ['mobile', 'desktop']) {
      scores.push(await score('sign-in', `${BASE}/login`, preset));
      scores.push(await score('dashboard (district leader)', `${BASE}/`, preset, leader));
      scores.push(await score('dashboard (province)', `${BASE}/`, preset, province));
    }
    console.log(`\nLighthouse ${RUNS} runs per page, median; target ≥ ${TARGET}. Chromium ${CHROME}.\n`);
    console.log('| page | settings | performance | FCP ms | LCP ms | TBT ms | CLS | Speed Index ms |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const s of scores) console.log(`| ${s.page} | ${s.preset} | ${s.score} ${s.score >= TARGET ? '✓' : '✗'} | ${s.fcpMs} | ${s.lcpMs} | ${s.tbtMs} | ${s.cls} | ${s.siMs} |`);
    mkdirSync('bench-results', { recursive: true });
    const file = path.join('bench-results', `${new Date().toISOString().slice(0, 10)}-lighthouse.json`);
    writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), runs: RUNS, target: TARGET, scores }, null, 2));
    console.log(`\nJSON: ${file}`);
    if (!process.argv.includes('--report-only') && scores.some((s) => s.score < TARGET)) process.exitCode = 1;
  } finally {
    const exited = server.exitCode !== null ? Promise.resolve() : new Promise((resolve) => server.once('exit', resolve));
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    await exited;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
