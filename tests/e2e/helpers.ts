import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { formatDateOnly, isoDate, monthOf, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { addDays } from '@/lib/loans/engine/dates';
import { demoMeetings } from '@/prisma/seed-dates';

// Dates come from the application's clock, as the server's do: both read APP_CLOCK, so the suite
// passes with the clock pinned to any day (and with none).

/** "YYYY-MM-DD", `days` from the app's today (negative: before). */
export const isoDayFromToday = (days: number) => isoDate(addDays(todayInVietnam(), days));

/** "dd/mm/yyyy" as a date field shows and takes it (whatever the browser's language), of an ISO day. */
export const typedDate = (iso: string) => formatDateOnly(parseDateOnly(iso)!);

/** "YYYY-MM" of the month `shift` months from the app's today. */
export const monthFromToday = (shift = 0) => monthOf(todayInVietnam(), shift);

/** The demo's meetings of a history group (TK-03, QQV-01) as of the app's today. */
export const demoMeetingsToday = (group: Parameters<typeof demoMeetings>[0]) => demoMeetings(group, todayInVietnam());

/** "MM/YYYY" as pages write a month. */
export const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

export const DEMO_PASSWORD = 'Demo@2026';
export const SCREENSHOTS = 'tests/.artifacts/screenshots';

export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login/);
}

export async function apiToken(request: APIRequestContext, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await request.post('/api/v1/auth/token', { data: { username, password } });
  expect(response.status()).toBe(201);
  return (await response.json()).token;
}

/** The id of a unit by code, looked up through the API as the province administrator. */
export async function unitIdByCode(request: APIRequestContext, code: string): Promise<string> {
  const token = await apiToken(request, 'admin');
  const response = await request.get('/api/v1/org-units', { headers: { authorization: `Bearer ${token}` } });
  const { units } = (await response.json()) as { units: { id: string; code: string }[] };
  const unit = units.find((u) => u.code === code);
  if (!unit) throw new Error(`no unit ${code}`);
  return unit.id;
}
