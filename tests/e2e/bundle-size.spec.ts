import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// First-load JavaScript, as Next.js counts it: the scripts the page's HTML names (what must load
// before the page works), each gzipped at the default level as the server sends it, summed.
// Scripts fetched afterwards on demand (the dashboard's chart drawings, ~100 KB of recharts) are
// measured too and reported, and held under a guard. Issue 10's target is 250 KB.
const TARGET_KB = 250;
const LATER_GUARD_KB = 150;

async function firstLoadJsKb(page: Page, url: string, then?: () => Promise<void>): Promise<{ kb: number; scripts: number; laterKb: number }> {
  const sizes: Promise<{ path: string; bytes: number }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    const path = new URL(response.url()).pathname;
    sizes.push(response.body().then((body) => ({ path, bytes: gzipSync(body).length }), () => ({ path, bytes: 0 })));
  });
  const html = (await (await page.goto(url))!.text());
  await page.waitForLoadState('networkidle');
  if (then) {
    await then();
    await page.waitForLoadState('networkidle');
  }
  const scripts = await Promise.all(sizes);
  const named = scripts.filter((s) => html.includes(s.path));
  const kb = (list: typeof scripts) => Math.round(list.reduce((sum, s) => sum + s.bytes, 0) / 1024);
  return { kb: kb(named), scripts: named.length, laterKb: kb(scripts.filter((s) => !named.includes(s))) };
}

test('the sign-in page and the dashboard load at most 250 KB of JavaScript first (gzip); the charts load after', async ({ browser }) => {
  const context = await browser.newContext();
  const login = await firstLoadJsKb(await context.newPage(), '/login');
  await signIn(await context.newPage(), 'huyen.yy');
  // A new page with an empty cache: the dashboard as a leader opens it in the morning.
  const fresh = await browser.newContext({ storageState: await context.storageState() });
  const page = await fresh.newPage();
  // Then she scrolls to the first chart: its drawing loads.
  const dashboard = await firstLoadJsKb(page, '/', async () => {
    await page.getByTestId('chart-trend').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('chart-trend').locator('.recharts-wrapper')).toBeVisible();
  });
  const line = `sign-in ${login.kb} KB in ${login.scripts} scripts; dashboard ${dashboard.kb} KB in ${dashboard.scripts} scripts, then ${dashboard.laterKb} KB on demand`;
  test.info().annotations.push({ type: 'first-load JS', description: line });
  console.log(`first-load JS (gzip): ${line}`);
  expect(login.scripts).toBeGreaterThan(0);
  expect(dashboard.scripts).toBeGreaterThan(0);
  expect(login.kb).toBeLessThanOrEqual(TARGET_KB);
  expect(dashboard.kb).toBeLessThanOrEqual(TARGET_KB);
  // The chart drawings did load (the charts are not simply gone), and stay bounded.
  expect(dashboard.laterKb).toBeGreaterThan(0);
  expect(dashboard.laterKb).toBeLessThanOrEqual(LATER_GUARD_KB);
  await fresh.close();
  await context.close();
});
