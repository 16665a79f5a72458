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
