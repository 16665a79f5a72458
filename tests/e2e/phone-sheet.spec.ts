import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { monthOf, parseDateOnly } from '@/lib/calendar/date-only';
import { apiToken, monthLabel, SCREENSHOTS, signIn } from './helpers';

// Issue 21 §3: the officer fills the sheet on a 360 px phone at the group meeting. Each member is a
// card with both boxes in view, each savings box says which account it is, and a total of loans,
// savings and cash stays at the bottom as she types. Before leaving she takes all her commune's
// sheets of the month offline with one tap; any of them then opens without a connection.
// Yên Khang's TK-01 is used: no other spec saves its latest sheet.

test.use({ viewport: { width: 360, height: 740 } });
// Each test signs in, prepares or downloads several pages: room for a slow 2-core machine.
test.describe.configure({ timeout: 120_000 });

const vnd = (n: bigint) => `${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;
const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);

interface SheetJson {
  month: string;
  upcoming: boolean;
  saved: unknown;
  rows: {
    member: { id: string; fullName: string };
    loans: { loanId: string; number: string; due: string }[];
    savings: { accountId: string; scheme: string; expected: string }[];
  }[];
}

async function openTk01(page: Page) {
  await page.goto('/groups?q=TK-01');
  await page.locator('main').getByRole('link', { name: 'TK-01', exact: true }).click();
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  return page.url().split('/').pop()!;
}

/**
 * A member of TK-01 with a loan due at the group's latest meeting and two savings accounts (group
 * member savings and savings through the group for the bank); made once, found on a second run.
 */
async function memberWithLoanAndTwoAccounts(page: Page, request: APIRequestContext, groupId: string, month: string) {
  const officer = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  const leader = { authorization: `Bearer ${await apiToken(request, 'huyen.yy')}` };
  const started = `${monthOf(parseDateOnly(`${month}-01`)!, -2)}-01`;
  await page.goto(`/groups/${groupId}`);
  await page.locator('main ol').getByRole('link').nth(2).click();
  await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
  const memberId = page.url().split('/').pop()!;
  const name = (await page.getByRole('heading', { level: 1 }).textContent())!;
  const { loans } = (await (await request.get(`/api/v1/loans?memberId=${memberId}`, { headers: officer })).json()) as { loans: { status: string }[] };
  if (!loans.some((l) => l.status === 'DISBURSED')) {
    const { programmes } = (await (await request.get('/api/v1/programmes', { headers: officer })).json()) as { programmes: { id: string; code: string }[] };
    const data = { memberId, programmeId: programmes.find((p) => p.code === 'HN')!.id, amount: '12.000.000', termMonths: 12, purpose: 'Nuôi gà', appliedAt: started };
    const applied = await request.post('/api/v1/loans', { headers: officer, data });
    expect(applied.status(), await applied.text()).toBe(201);
    const loan = (await applied.json()) as { id: string };
    expect((await request.post(`/api/v1/loans/${loan.id}/approve`, { headers: leader, data: { decidedAt: started } })).status()).toBe(201);
    expect((await request.post(`/api/v1/loans/${loan.id}/disburse`, { headers: officer, data: { date: started } })).status()).toBe(201);
  }
  // The schemes not opened yet are the options of the member page's "open an account" form.
  const savings = page.locator('section', { has: page.getByRole('heading', { name: 'Tiết kiệm' }) });
  for (const scheme of ['Tiết kiệm thành viên tổ', 'Tiết kiệm qua tổ (NHCSXH)']) {
    const option = savings.getByLabel('Loại tiết kiệm').locator('option', { hasText: scheme });
    if (!(await option.count())) continue;
    const opened = await request.post('/api/v1/savings/accounts', { headers: officer, data: { memberId, schemeId: await option.getAttribute('value'), openedAt: started } });
    expect(opened.status(), await opened.text()).toBe(201);
  }
  return name;
}

test('on a 360 px phone each member is a card with both boxes in view, savings named by account, and a running total', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  await signIn(page, 'xa.yk');
  const groupId = await openTk01(page);
  const { month } = (await (await request.get(`/api/v1/groups/${groupId}/collection-sheet`, { headers })).json()) as SheetJson;
  const name = await memberWithLoanAndTwoAccounts(page, request, groupId, month);
  const sheet = (await (await request.get(`/api/v1/groups/${groupId}/collection-sheet?month=${month}`, { headers })).json()) as SheetJson;
  expect(sheet.saved).toBeNull();
  const row = sheet.rows.find((r) => r.member.fullName === name)!;
  expect(row.loans).toHaveLength(1);
  expect(row.savings.map((s) => s.scheme).sort()).toEqual(['Tiết kiệm qua tổ (NHCSXH)', 'Tiết kiệm thành viên tổ']);

  await page.goto(`/groups/${groupId}/sheet?month=${month}`);
  await expect(page.getByRole('heading', { name: `Bảng kê thu tháng ${monthLabel(month)}` })).toBeVisible();
  // Nothing to scroll sideways: not the page, not a row.
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(360);

  // Her card: the loan box and both savings boxes on screen, each savings box labelled by its account.
  const card = page.getByTestId('sheet-member').filter({ hasText: name });
  await card.scrollIntoViewIfNeeded();
  const loan = card.getByLabel(`Thực thu nợ: ${name} ${row.loans[0]!.number}`);
  const member = card.getByLabel(`Thực thu tiết kiệm: ${name} Tiết kiệm thành viên tổ`);
  const bank = card.getByLabel(`Thực thu tiết kiệm: ${name} Tiết kiệm qua tổ (NHCSXH)`);
  // Tapping into a box brings it into view above the total kept at the bottom, not under it.
  for (const box of [loan, member, bank]) {
    await box.focus();
    await expect(box).toBeInViewport({ ratio: 1 });
    const { x, y, width, height } = (await box.boundingBox())!;
    expect(x + width).toBeLessThanOrEqual(360);
    expect(y + height).toBeLessThanOrEqual((await page.getByTestId('running-total').boundingBox())!.y);
  }
  for (const account of row.savings) {
    await expect(card.locator('label', { hasText: account.scheme }).locator('input')).toHaveAttribute('name', `saving-${account.accountId}`);
  }
  await expect(card.getByText('Thực thu nợ', { exact: true })).toBeVisible();

  // The total starts from the prefilled amounts and follows what she types.
  const loans = sum(sheet.rows.flatMap((r) => r.loans.map((l) => BigInt(l.due))));
  const saved = sum(sheet.rows.flatMap((r) => r.savings.map((s) => BigInt(s.expected))));
  await expect(page.getByTestId('running-loans')).toHaveText(vnd(loans));
  await expect(page.getByTestId('running-savings')).toHaveText(vnd(saved));
  await expect(page.getByTestId('running-cash')).toHaveText(vnd(loans + saved));
  await expect(page.getByTestId('running-cash')).toBeInViewport();

  const bankAccount = row.savings.find((s) => s.scheme === 'Tiết kiệm qua tổ (NHCSXH)')!;
  await loan.fill('1.000.000');
  await bank.fill('75.000');
  const loansNow = loans - BigInt(row.loans[0]!.due) + 1_000_000n;
  const savedNow = saved - BigInt(bankAccount.expected) + 75_000n;
  await expect(page.getByTestId('running-loans')).toHaveText(vnd(loansNow));
  await expect(page.getByTestId('running-savings')).toHaveText(vnd(savedNow));
  await expect(page.getByTestId('running-cash')).toHaveText(vnd(loansNow + savedNow));
  // Typed while scrolled to her card: the total is still on screen.
  await expect(page.getByTestId('running-cash')).toBeInViewport();
  await card.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: `${SCREENSHOTS}/phone-sheet.png` });

  // An amount that does not read as money is counted as 0, and she is told.
  await member.fill('1,5');
  await expect(page.getByTestId('running-unreadable')).toContainText('1 ô chưa đọc được số tiền');
  const memberAccount = row.savings.find((s) => s.scheme === 'Tiết kiệm thành viên tổ')!;
  await expect(page.getByTestId('running-savings')).toHaveText(vnd(savedNow - BigInt(memberAccount.expected)));
  // Nothing is saved here: the sheet stays open for the next run.
});

test('one tap takes the commune\'s sheets of the month offline; a sheet never opened then opens without a connection', async ({ context, page, request }) => {
  const headers = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  await signIn(page, 'xa.yk');
  const groupId = await openTk01(page);
  const { month } = (await (await request.get(`/api/v1/groups/${groupId}/collection-sheet`, { headers })).json()) as SheetJson;

  await page.goto(`/sheets?month=${month}`);
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  const links = page.getByTestId('sheets').getByRole('link');
  const groups = await links.count();
  expect(groups).toBeGreaterThan(2);
  await page.getByRole('button', { name: 'Tải bảng kê cả xã để dùng ngoại tuyến' }).click();
  await expect(page.getByTestId('take-offline-status')).toContainText(`Đã tải ${groups}/${groups} tổ: các bảng kê này mở được khi không có mạng`, { timeout: 60_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/phone-sheets-offline.png`, fullPage: true });

  await context.setOffline(true);
  // TK-01's sheet, never opened in this browser: it opens, and its running total works (its scripts were kept too).
  await page.goto(`/groups/${groupId}/sheet?month=${month}`);
  await expect(page.getByRole('heading', { name: `Bảng kê thu tháng ${monthLabel(month)}` })).toBeVisible();
  const firstSaving = page.getByTestId('sheet').getByLabel(/^Thực thu tiết kiệm: /).first();
  const before = await page.getByTestId('running-savings').textContent();
  await firstSaving.fill('987.000');
  await expect(page.getByTestId('running-savings')).not.toHaveText(before!);

  // Another group's sheet from the list kept on the device, by tapping its link offline.
  await page.goto(`/sheets?month=${month}`);
  const other = page.getByTestId('sheets').getByRole('link').filter({ hasNotText: /^TK-01 / }).first();
  const code = (await other.textContent())!.split(' · ')[0]!;
  await other.click();
  await expect(page.getByText(`của tổ ${code} ngày`)).toBeVisible();

  // A page that was not taken offline: the app's own offline page, not the browser's error.
  await page.goto('/loans');
  await expect(page.getByTestId('offline-page')).toContainText('Không có mạng');
  await context.setOffline(false);
});
