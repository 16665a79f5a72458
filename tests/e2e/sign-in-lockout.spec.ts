import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn, signOut } from './helpers';

// Issue 22 §9: wrong passwords sent for an account from elsewhere make that account wait, but not
// on the browser where its owner signed in before (the signed, HttpOnly `hlv-device` cookie).
test('failed sign-ins make the username wait, not the known device; the installation admin sees them (issue 22 §9)', async ({ page, playwright, baseURL }) => {
  await signIn(page, 'tw.quantri');
  const device = (await page.context().cookies()).find((c) => c.name === 'hlv-device');
  expect(device).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  await signOut(page);

  // Someone else, without the cookie (the token API has none): 5 wrong passwords, then even the right one waits.
  const elsewhere = await playwright.request.newContext({ baseURL });
  for (let i = 0; i < 5; i++) {
    expect((await elsewhere.post('/api/v1/auth/token', { data: { username: 'tw.quantri', password: `sai-${i}` } })).status()).toBe(401);
  }
  const waiting = await elsewhere.post('/api/v1/auth/token', { data: { username: 'tw.quantri', password: DEMO_PASSWORD } });
  expect(waiting.status()).toBe(429);
  const body = await waiting.json();
  expect(body.error.key).toBe('auth.delayed');
  expect(body.error.message).toMatch(/Vui lòng chờ \d+ giây|Wait \d+ seconds/);
  await elsewhere.dispose();

  // The owner, on her known device, is not made to wait; she sees the failures on the audit page.
  await signIn(page, 'tw.quantri');
  await page.goto('/audit');
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Đăng nhập sai gần đây' }) });
  await expect(card.getByRole('row').filter({ hasText: 'tw.quantri' }).filter({ hasText: 'Sai mật khẩu' })).toHaveCount(5);
  await expect(card.getByRole('row').filter({ hasText: 'tw.quantri' }).filter({ hasText: 'Phải chờ' })).toHaveCount(1);
  await expect(card).not.toContainText('sai-0');
});
