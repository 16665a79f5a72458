import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn, signOut } from './helpers';

// Issue 24 §4: a district leader opening a member's record says why, once; the member's page then
// shows her with a masked CCCD; the administrator reads, on one screen, who looked at that woman's
// record and why.

test('a district leader states a purpose to open a member; the administrator sees who looked and why', async ({ page }) => {
  await signIn(page, 'huyen.yy');
  await page.goto('/members');
  const href = await page.locator('main a[href^="/members/"]').first().getAttribute('href');
  expect(href).toMatch(/^\/members\/[0-9a-f-]{36}$/);
  await page.goto(href!);
  await expect(page.getByRole('heading', { name: 'Mục đích xem hồ sơ' })).toBeVisible();
  await page.getByLabel('Mục đích').selectOption({ label: 'Kiểm tra, giám sát' });
  await page.getByRole('button', { name: 'Xem hồ sơ' }).click();
  // The record, with the CCCD masked for a district leader.
  await expect(page.getByText(/\d{3}\*{7}\d{2}/).first()).toBeVisible();
  const name = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  expect(name.length).toBeGreaterThan(0);
  await signOut(page);

  await signIn(page, 'admin');
  await page.goto(`/audit/personal-data?memberId=${href!.split('/').at(-1)}`);
  await expect(page.getByRole('heading', { name: new RegExp(`Ai đã xem, xuất dữ liệu của ${name}`) })).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'huyen.yy' }).first();
  await expect(row).toContainText('Kiểm tra, giám sát');
  await expect(row).not.toContainText('Số CCCD');
  await page.screenshot({ path: `${SCREENSHOTS}/personal-data-access.png`, fullPage: true });
});
