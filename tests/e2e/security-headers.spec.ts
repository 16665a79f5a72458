import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('every response carries the security headers; the session cookie is HttpOnly and SameSite=Lax', async ({ page, request }) => {
  for (const url of ['/login', '/api/v1/me', '/favicon.ico']) {
    const response = await request.get(url);
    const headers = response.headers();
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(headers['strict-transport-security'], url).toContain('max-age=');
    expect(headers['x-powered-by'], url).toBeUndefined();
  }
  await signIn(page, 'xa.yk');
  const session = (await page.context().cookies()).find((c) => c.name.includes('session-token'));
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
});

test('script in a text field is shown as text and never runs', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const payload = `<img src=x onerror=alert(1)><script>alert(2)</script>`;
  await signIn(page, 'xa.hs');
  await page.goto('/groups');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm tổ' }) });
  await form.getByLabel('Mã tổ').fill('XSS-1');
  await form.getByLabel('Tên', { exact: true }).fill(payload);
  await form.getByLabel('Chương trình').selectOption('VBSP');
  await form.getByRole('button', { name: 'Thêm tổ' }).click();
  await expect(form.getByRole('status')).toContainText('XSS-1');
  await page.goto('/groups?q=XSS-1');
  await page.getByRole('link', { name: 'XSS-1' }).click();
  await expect(page.getByRole('heading', { name: `XSS-1 · ${payload}` })).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(dialogs).toEqual([]);
});
