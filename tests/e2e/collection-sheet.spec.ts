import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiToken, monthFromToday, SCREENSHOTS, signIn, typedDate } from './helpers';

async function post(request: APIRequestContext, token: string, url: string, data: object) {
  const response = await request.post(url, { headers: { authorization: `Bearer ${token}` }, data });
  expect(response.status(), `${url}: ${await response.text()}`).toBe(201);
  return response.json();
}

test('a commune officer fills last month\'s collection sheet, saves it once, and the loan and savings follow', async ({ page, request }) => {
  const officer = await apiToken(request, 'xa.yk');
  const leader = await apiToken(request, 'huyen.yy');
  const headers = { authorization: `Bearer ${officer}` };
  // Last month's meeting of TK-02 (the 15th) has passed whatever today is; the loan starts the month before.
  const month = monthFromToday(-1);
  const started = `${monthFromToday(-2)}-01`;

  // A member of group TK-02 with a loan disbursed two months ago and a savings account.
  await signIn(page, 'xa.yk');
  await page.goto('/groups?q=TK-02');
  await page.getByRole('link', { name: 'TK-02' }).click();
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  const groupUrl = page.url();
  await page.locator('main ol').getByRole('link').nth(5).click();
  await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
  const memberId = page.url().split('/').pop()!;
  const memberName = (await page.getByRole('heading', { level: 1 }).textContent())!;
  expect((await (await request.get(`/api/v1/loans?memberId=${memberId}`, { headers })).json()).total).toBe(0);
  await page.getByText('Lập hồ sơ vay').click();
  const apply = page.locator('form', { has: page.getByRole('button', { name: 'Lập hồ sơ' }) });
  await apply.getByLabel('Chương trình vay').selectOption({ label: 'HN · Cho vay hộ nghèo (1.000.000–100.000.000 ₫, 12–60 tháng)' });
  await apply.getByLabel('Số tiền (đồng)').fill('12.000.000');
  await apply.getByLabel('Thời hạn (tháng)').fill('12');
  await apply.getByLabel('Mục đích sử dụng vốn').fill('Trồng nấm');
  await apply.getByLabel('Ngày đề nghị').fill(typedDate(started));
  await apply.getByRole('button', { name: 'Lập hồ sơ' }).click();
  await expect(apply.getByRole('status')).toContainText('Đã nhận hồ sơ vay');
  const loan = (await (await request.get(`/api/v1/loans?memberId=${memberId}`, { headers })).json()).loans[0];
  await post(request, leader, `/api/v1/loans/${loan.id}/approve`, { decidedAt: started });
  await post(request, officer, `/api/v1/loans/${loan.id}/disburse`, { date: started });
  const schemes = page.locator('section', { has: page.getByRole('heading', { name: 'Tiết kiệm' }) });
  await page.reload();
  await schemes.locator('summary', { hasText: 'Mở sổ tiết kiệm' }).click();
  await schemes.getByLabel('Loại tiết kiệm').selectOption({ label: 'Tiết kiệm thành viên tổ' });
  await schemes.getByLabel('Ngày mở sổ').fill(typedDate(started));
  await schemes.getByRole('button', { name: 'Mở sổ tiết kiệm' }).click();
  await expect(schemes.getByTestId('savings-accounts')).toContainText('Số dư: 0');

  // The sheet is prefilled; change the savings amount and save once.
  await page.goto(`${groupUrl}/sheet?month=${month}`);
  const sheet = page.getByTestId('sheet');
  await expect(sheet).toContainText(memberName);
  const saving = page.getByLabel(`Thực thu tiết kiệm: ${memberName} Tiết kiệm thành viên tổ`);
  await expect(saving).toHaveValue('200.000');
  await saving.fill('350.000');
  const due = await page.getByLabel(new RegExp(`^Thực thu nợ: ${memberName}`)).inputValue();
  await page.getByRole('button', { name: 'Lưu bảng kê' }).click();
  await expect(page.getByTestId('total-savings')).toHaveText('350.000\u00a0₫');
  await expect(page.getByTestId('total-loans')).toHaveText(`${due}\u00a0₫`);
  await page.screenshot({ path: `${SCREENSHOTS}/collection-sheet-saved.png`, fullPage: true });

  // Saving twice is refused; the loan and the savings show the postings.
  const again = await request.post(`/api/v1/groups/${groupUrl.split('/').pop()}/collection-sheet?month=${month}`, { headers, data: { rows: [] } });
  expect(again.status()).toBe(409);
  await page.goto(`/loans/${loan.id}`);
  await expect(page.getByTestId('loan-transactions')).toContainText('Trả nợ');
  await page.goto(`/members/${memberId}`);
  await expect(page.getByTestId('savings-accounts')).toContainText('Số dư: 350.000');
});
