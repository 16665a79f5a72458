import { expect, test } from '@playwright/test';
import { formatShare } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { DEMO_PASSWORD, isoDayFromToday, monthFromToday, SCREENSHOTS, signIn, typedDate } from './helpers';

// Issue 21 §7 "Readable everywhere": the dashboard's charts in triệu/tỷ đồng and drawn when printed,
// the highest and lowest commune in words, the union's share where the bank's figure is entered,
// and dates dd/mm/yyyy whatever the browser's language.

const digits = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');
const collator = new Intl.Collator('vi');

test('the province dashboard names its highest and lowest commune, charts in triệu/tỷ đồng, and prints its charts', async ({ page }) => {
  await signIn(page, 'tinh');
  const place = (name: string) => name.replace(/^Hội LHPN /, '');
  // The communes' outstanding as the summary report gives them for the same period (this year to
  // today), then the dashboard's sentence about them. Other specs post money meanwhile (two workers,
  // one database), so the pair is read again until both were read between the same postings.
  await expect(async () => {
    await page.goto(`/reports?by=commune&from=${monthFromToday().slice(0, 4)}-01-01&to=${isoDayFromToday(0)}`);
    // Columns: unit, disbursed, outstanding, groups.
    const rows = await page.getByTestId('by-child').locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.trim())));
    const lending = rows.map(([name, , amount]) => ({ name: name!, outstanding: digits(amount!) })).filter((r) => r.outstanding > 0n)
      .sort((a, b) => collator.compare(a.name, b.name));
    expect(lending.length).toBeGreaterThan(0);
    const highest = lending.reduce((best, r) => (r.outstanding > best.outstanding ? r : best));
    const lowest = lending.reduce((best, r) => (r.outstanding < best.outstanding ? r : best));
    await page.goto('/');
    const only = `${place(highest.name)} là đơn vị duy nhất có dư nợ (${formatVnd(highest.outstanding)}).`;
    await expect(page.getByTestId('extremes')).toHaveText(lending.length === 1
      ? only.charAt(0).toUpperCase() + only.slice(1)
      : `Dư nợ cao nhất: ${place(highest.name)} (${formatVnd(highest.outstanding)}); thấp nhất: ${place(lowest.name)} (${formatVnd(lowest.outstanding)}).`,
    { timeout: 3_000 });
  }).toPass({ timeout: 60_000 });

  // Amount axes name their unit; the tooltip says the amount in it.
  const charts = page.locator('figure[data-testid^="chart-"]');
  expect(await charts.count()).toBe(4);
  for (const chart of await charts.all()) {
    await chart.scrollIntoViewIfNeeded();
    await expect(chart.locator('.recharts-wrapper > svg')).toBeVisible();
    await expect(chart.locator('svg .recharts-label').first()).toHaveText(/^(triệu|tỷ) đồng$/);
  }
  const trend = page.getByTestId('chart-trend');
  const surface = trend.locator('.recharts-wrapper > svg');
  const size = (await surface.boundingBox())!;
  await surface.hover({ position: { x: size.width - 30, y: 60 } });
  await expect(trend.locator('.recharts-tooltip-wrapper')).toContainText(/\d (triệu|tỷ) đồng/);
  await page.screenshot({ path: `${SCREENSHOTS}/readable-dashboard.png`, fullPage: true });

  // Printed, on a fresh page where no chart was scrolled to: every chart is drawn, with its bars.
  await page.goto('/');
  await page.waitForLoadState('networkidle');
  await page.emulateMedia({ media: 'print' });
  for (const chart of await charts.all()) {
    const svg = chart.locator('.recharts-wrapper > svg');
    await expect(svg).toBeAttached();
    const box = await svg.evaluate((element) => element.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.width).toBeGreaterThan(200);
    expect(box.height).toBeGreaterThan(200);
    expect(await chart.locator('.recharts-bar-rectangle, .recharts-line-curve').count()).toBeGreaterThan(0);
  }
  await page.screenshot({ path: `${SCREENSHOTS}/readable-dashboard-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });
});

test('where the bank\'s figure is entered, the page says the union\'s share of it', async ({ page, request }) => {
  // A province officer enters the bank's figure for the province (a bank liaison's area is her office's communes).
  await signIn(page, 'tinh');
  await page.goto('/reports');
  await page.getByText('Nhập dư nợ NHCSXH trên địa bàn').click();
  const form = page.locator('form', { has: page.getByLabel('Dư nợ NHCSXH (đồng)') });
  const union = digits(await page.getByTestId('figure-outstanding').locator('p').nth(1).textContent());
  expect(union).toBeGreaterThan(0n);
  // The bank's figure: four times the union's outstanding shown (all its sources), so the share is at most 25 %.
  const bank = union * 4n + 1_000n;
  await form.getByLabel('Dư nợ NHCSXH (đồng)').fill(formatVnd(bank).replace('\u00a0₫', ''));
  await form.getByLabel('Nguồn số liệu').fill('Báo cáo NHCSXH tháng này');
  await form.getByRole('button', { name: 'Lưu số liệu' }).click();
  const month = monthFromToday();
  const monthText = `${month.slice(5)}/${month.slice(0, 4)}`;
  // The share the service computes for the month (the API's summary to today), in the page's words.
  const token = (await (await request.post('/api/v1/auth/token', { data: { username: 'tinh', password: DEMO_PASSWORD } })).json()).token;
  const summary = await (await request.get(`/api/v1/reports/summary?from=${month}-01&to=${isoDayFromToday(0)}`, { headers: { authorization: `Bearer ${token}` } })).json();
  const share = summary.bankShare as { ratio: number; unionOutstanding: string; bankOutstanding: string };
  expect(BigInt(share.bankOutstanding)).toBe(bank);
  const said = `Hội quản lý ${formatShare(share.ratio)} dư nợ của NHCSXH trên địa bàn (${formatVnd(BigInt(share.unionOutstanding))})`;
  await expect(form.getByRole('status')).toHaveText(`Đã lưu dư nợ NHCSXH tháng ${monthText}: ${formatVnd(bank)}. ${said}.`);
  await expect(page.getByTestId('bank-share-line')).toContainText(said);
  await page.getByTestId('bank-share-line').screenshot({ path: `${SCREENSHOTS}/readable-bank-share.png` });
});

test.describe('in an English-language browser', () => {
  test.use({ locale: 'en-US' });

  test('date fields show and take dd/mm/yyyy', async ({ page }) => {
    await signIn(page, 'xa.yk');
    await page.goto('/reports');
    const from = page.getByLabel('Từ ngày');
    await expect(from).toHaveAttribute('type', 'text');
    await expect(from).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await expect(from).toHaveValue(typedDate(`${monthFromToday().slice(0, 4)}-01-01`));
    // Typed loosely, tidied on leaving the field; the report reads it as a day, not a month.
    const year = monthFromToday().slice(0, 4);
    await from.fill(`2/1/${year}`);
    await from.blur();
    await expect(from).toHaveValue(`02/01/${year}`);
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`02/01/${year} –`) })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/readable-date-en-US.png` });
  });
});
