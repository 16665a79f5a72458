import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { latestMeetingMonth } from '@/lib/collections/meeting-dates';
import { todayInVietnam } from '@/lib/clock';
import { apiToken, demoMeetingsToday, SCREENSHOTS, signIn } from './helpers';

// Group meetings happen where the connection drops: the officer opens the sheet online, loses the
// connection, fills it in and saves; the sheet waits on the phone (also after the browser is
// closed) and is sent once when the connection returns. If someone saved that group's sheet for the
// month meanwhile, she sees both versions and chooses; nothing posts twice.

// TK-03's latest meeting (its sheet is open in the demo); Hoành Sơn's TK-01 meets on the 10th.
const tk03Month = () => demoMeetingsToday('TK-03').openMonths[1];
const hsTk01Month = () => latestMeetingMonth(10, todayInVietnam());

async function openGroup(page: Page, code: string) {
  await page.goto(`/groups?q=${code}`);
  await page.locator('main').getByRole('link', { name: code }).click();
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/**
 * A GET through the test's own API client, retried once if the server closed the idle keep-alive
 * connection it reused (ECONNRESET: the browser was offline for a while, the API client was not).
 */
async function getJson<T>(request: APIRequestContext, url: string, headers: Record<string, string>): Promise<T> {
  try {
    return (await (await request.get(url, { headers })).json()) as T;
  } catch (error) {
    if (!String(error).includes('ECONNRESET')) throw error;
    return (await (await request.get(url, { headers })).json()) as T;
  }
}

/** Visits the pages once online so the service worker keeps them for offline use. */
async function warmUp(page: Page, sheetUrl: string) {
  await page.goto('/sheets');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.goto('/sheets');
  await page.goto(sheetUrl);
}

test('a sheet filled offline waits on the phone, survives closing the browser tab, and posts once when back online', async ({ context, page, request }) => {
  const headers = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  await signIn(page, 'xa.yk');
  const groupId = await openGroup(page, 'TK-03');
  const sheetUrl = `/groups/${groupId}/sheet?month=${tk03Month()}`;
  await warmUp(page, sheetUrl);

  await context.setOffline(true);
  const firstLoan = page.getByTestId('sheet').getByLabel(/^Thực thu nợ: /).first();
  const loanLabel = (await firstLoan.getAttribute('aria-label'))!;
  await firstLoan.fill('123.000');
  await page.getByRole('button', { name: 'Lưu bảng kê' }).click();
  await expect(page.getByTestId('sheet-queued')).toContainText('đã được lưu trên máy');
  await expect(page.getByTestId('offline-pending')).toContainText('1 bảng kê chờ gửi');

  // The tab is closed; a new one opens the list without a connection: the sheet is still waiting.
  await page.close();
  const again = await context.newPage();
  await again.goto('/sheets');
  const queue = again.getByTestId('offline-queue');
  await expect(queue).toContainText('TK-03');
  expect((await getJson<{ saved: unknown }>(request, `/api/v1/groups/${groupId}/collection-sheet?month=${tk03Month()}`, headers)).saved).toBeNull();

  // The connection returns: the sheet is sent by itself, once. (Screenshots wait for web fonts,
  // which cannot load offline: the list is photographed once back online.)
  await context.setOffline(false);
  await expect(again.getByTestId('offline-sent')).toContainText('Đã gửi 1 bảng kê');
  await expect(queue).toContainText('Không có bảng kê nào chờ gửi');
  await again.screenshot({ path: `${SCREENSHOTS}/offline-sent.png`, fullPage: true });
  const saved = await getJson<{ saved: { totalLoans: number } | null }>(request, `/api/v1/groups/${groupId}/collection-sheet?month=${tk03Month()}`, headers);
  expect(saved.saved).not.toBeNull();
  // The loan shows one repayment of 123.000 ₫ from this sheet, however many times the page synced.
  await again.reload();
  const loanNumber = loanLabel.split(' ').at(-1)!;
  const loans = await getJson<{ loans: { id: string }[] }>(request, `/api/v1/loans?q=${loanNumber}`, headers);
  const { loan } = await getJson<{ loan: { transactions: { kind: string; amount: number; reversedAt: string | null }[] } }>(request, `/api/v1/loans/${loans.loans[0]!.id}`, headers);
  expect(loan.transactions.filter((t) => t.kind === 'REPAYMENT' && t.amount === 123_000 && !t.reversedAt)).toHaveLength(1);
});

test('a sheet saved by someone else meanwhile: both versions are shown and the officer chooses', async ({ context, page, request }) => {
  const token = await apiToken(request, 'xa.hs');
  await signIn(page, 'xa.hs');
  const groupId = await openGroup(page, 'TK-01');
  const sheetUrl = `/groups/${groupId}/sheet?month=${hsTk01Month()}`;
  await warmUp(page, sheetUrl);

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Lưu bảng kê' }).click();
  await expect(page.getByTestId('sheet-queued')).toBeVisible();
  // Meanwhile a colleague saves the same group's sheet for the month.
  // (With its own key, so the retry after a reset idle connection cannot save twice.)
  const save = () => request.post(`/api/v1/groups/${groupId}/collection-sheet?month=${hsTk01Month()}`, { headers: { authorization: `Bearer ${token}` }, data: { rows: [], idempotencyKey: 'colleague-hs-tk01' } });
  const other = await save().catch((error: unknown) => (String(error).includes('ECONNRESET') ? save() : Promise.reject(error)));
  expect(other.status()).toBe(201);

  await context.setOffline(false);
  await page.goto('/sheets');
  const conflict = page.getByTestId('sheet-conflict');
  await expect(conflict).toContainText('đã được người khác lưu');
  await conflict.getByRole('button', { name: 'Xem hai bản' }).click();
  await expect(conflict.getByTestId('conflict-table')).toContainText('Bản đã lưu');
  await expect(conflict.getByTestId('conflict-table')).toContainText('Bản của tôi');
  await page.screenshot({ path: `${SCREENSHOTS}/offline-conflict.png`, fullPage: true });
  await conflict.getByRole('button', { name: 'Giữ bản đã lưu, bỏ bản của tôi' }).click();
  await expect(page.getByTestId('offline-queue')).toContainText('Không có bảng kê nào chờ gửi');
  await expect(page.getByTestId('offline-pending')).toHaveCount(0);
});
