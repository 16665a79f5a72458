import { expect, test } from '@playwright/test';
import { apiToken, isoDayFromToday, SCREENSHOTS, signIn, signOut, typedDate } from './helpers';

test('a loan from application to repayment: four eyes, overdue, then current; a bank liaison only reads', async ({ page, request }) => {
  test.setTimeout(180_000);
  const started = isoDayFromToday(-95);

  // Commune officer applies (back-dated, as for a loan entered late) from the member's page.
  await signIn(page, 'xa.yk');
  await page.goto('/members?q=TV0003');
  await page.getByRole('link').filter({ hasText: 'Thị' }).first().click();
  await page.getByText('Lập hồ sơ vay').click();
  const apply = page.locator('form', { has: page.getByRole('button', { name: 'Lập hồ sơ' }) });
  await apply.getByLabel('Chương trình vay').selectOption({ label: 'QQV · Quỹ quay vòng Hội LHPN tỉnh (1.000.000–10.000.000 ₫, 12–24 tháng)' });
  await apply.getByLabel('Số tiền (đồng)').fill('10.000.000');
  await apply.getByLabel('Thời hạn (tháng)').fill('12');
  await apply.getByLabel('Mục đích sử dụng vốn').fill('Nuôi gà đẻ trứng');
  await apply.getByLabel('Ngày đề nghị').fill(typedDate(started));
  await apply.getByRole('button', { name: 'Lập hồ sơ' }).click();
  await expect(apply.getByRole('status')).toContainText('Đã nhận hồ sơ vay NB-YK-');
  await page.getByTestId('member-loans').getByRole('link').last().click();
  await page.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
  const loanUrl = page.url();
  const loanId = loanUrl.split('/').pop()!;

  // A revolving-fund loan is appraised first; the officer who entered it has no approval form.
  await expect(page.getByRole('button', { name: 'Phê duyệt' })).toHaveCount(0);
  for (const item of ['Đã đến thăm hộ', 'Đúng đối tượng', 'Mục đích khả thi', 'Có khả năng trả nợ']) await page.getByLabel(item).check();
  await page.getByLabel('Ngày thẩm định').fill(typedDate(started));
  await page.getByRole('button', { name: 'Lưu thẩm định' }).click();
  // Saved, the appraisal shows in the borrower's file (the form is gone).
  await expect(page.getByTestId('appraisal-saved')).toContainText('Có khả năng trả nợ');
  // (From our own origin, as the app's pages post: a cookie-signed write from elsewhere is refused before the rule.)
  const selfApprove = await page.request.post(`/api/v1/loans/${loanId}/approve`, { headers: { origin: new URL(page.url()).origin }, data: { decidedAt: started } });
  expect(selfApprove.status()).toBe(403);
  await signOut(page);

  // The leader reads the borrower's file — the application, the appraisal as saved, other loans, savings,
  // the group — and approves, confirming.
  await signIn(page, 'huyen.yy');
  await page.goto('/loans/approvals');
  await page.goto(loanUrl);
  const file = page.getByTestId('borrower-file');
  await expect(file).toContainText('Nuôi gà đẻ trứng');
  await expect(page.getByTestId('appraisal-saved')).toContainText('Đã đến thăm hộ');
  await expect(page.getByRole('button', { name: 'Lưu thẩm định' })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/approver-file.png`, fullPage: true });
  await page.getByLabel('Ngày quyết định').first().fill(typedDate(started));
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Phê duyệt' }).click();
  await expect(page.getByTestId('loan-status')).toHaveText('Đã phê duyệt');
  await signOut(page);

  // Officer disburses 95 days ago: three instalments have passed unpaid, so the loan is overdue.
  await signIn(page, 'xa.yk');
  await page.goto(loanUrl);
  await page.getByLabel('Ngày', { exact: true }).fill(typedDate(started));
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Ghi nhận giải ngân' }).click();
  await expect(page.getByTestId('loan-status')).toHaveText('Đang vay');
  await expect(page.getByTestId('loan-schedule').getByRole('row')).toHaveCount(13);
  await expect(page.getByTestId('days-past-due')).not.toHaveText('0');
  await expect(page.getByTestId('loan-schedule')).toContainText('Quá hạn');
  await page.screenshot({ path: `${SCREENSHOTS}/loan-overdue.png`, fullPage: true });

  // A late repayment of everything owed today brings it current; a second one pays ahead.
  const payable = (await page.getByText(/Phải trả đến ngày/).textContent())!.split(':')[1]!.replace(/[^\d.]/g, '').replace(/^\.+|\.+$/g, '');
  await page.getByLabel('Số tiền (đồng)').fill(payable);
  await page.getByRole('button', { name: 'Ghi nhận thu nợ' }).click();
  await expect(page.getByText(/Đã ghi nhận: gốc/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('days-past-due')).toHaveText('0');
  await expect(page.getByTestId('overdue-principal')).toHaveText('0\u00a0₫');
  await page.getByLabel('Số tiền (đồng)').fill('500.000');
  await page.getByRole('button', { name: 'Ghi nhận thu nợ' }).click();
  await expect(page.getByText(/Đã ghi nhận: gốc 500\.000/)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('loan-transactions').getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: `${SCREENSHOTS}/loan-current.png`, fullPage: true });

  // The 500.000 was entered by mistake: the officer cannot reverse it herself, she asks; the leader approves.
  const outstandingBefore = await page.getByTestId('outstanding').textContent();
  await expect(page.getByRole('heading', { name: 'Hủy (đảo) giao dịch' })).toHaveCount(0);
  const ask = page.locator('section', { has: page.getByRole('heading', { name: 'Đề nghị hủy giao dịch nhập sai' }) });
  const wrong = (await ask.getByLabel('Giao dịch').locator('option').allTextContents()).find((o) => o.includes('500.000'))!;
  await ask.getByLabel('Giao dịch').selectOption({ label: wrong });
  await ask.getByLabel('Lý do').fill('Nhập trùng phiếu thu');
  await ask.getByRole('button', { name: 'Gửi đề nghị hủy' }).click();
  await expect(ask.getByRole('status')).toHaveText('Đã gửi đề nghị hủy; chờ lãnh đạo duyệt.');
  await page.reload();
  await expect(page.getByTestId('reversal-requests')).toContainText('Chờ duyệt');
  await signOut(page);
  await signIn(page, 'huyen.yy');
  await page.goto(loanUrl);
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByTestId('reversal-requests').getByRole('button', { name: 'Duyệt và hủy giao dịch' }).click();
  // The decided request leaves its forms: the list says what happened.
  await expect(page.getByTestId('reversal-requests')).toContainText('Đã duyệt, đã hủy');
  await expect(page.getByTestId('outstanding')).not.toHaveText(outstandingBefore!);
  await page.screenshot({ path: `${SCREENSHOTS}/loan-reversal-request.png`, fullPage: true });
  await signOut(page);

  // The bank liaison: this revolving-fund loan is the union's own, not the bank's — "not found"; a loan of
  // the bank's programmes she reads, with no write form; every write endpoint is refused.
  await signIn(page, 'nhcs.yy');
  await page.goto(loanUrl);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy' })).toBeVisible();
  await page.goto('/loans?status=DISBURSED');
  await page.locator('main a[href^="/loans/"]').first().click();
  await expect(page.getByTestId('outstanding')).toBeVisible();
  await expect(page.getByRole('button')).toHaveText(['Tiếng Việt', 'English', 'Đăng xuất', 'Xem']);
  const token = await apiToken(request, 'nhcs.yy');
  for (const action of ['appraisal', 'approve', 'reject', 'disburse', 'repayments', 'extensions', 'freeze', 'write-off', 'reversals', 'reversal-requests']) {
    const response = await request.post(`/api/v1/loans/${loanId}/${action}`, { headers: { authorization: `Bearer ${token}` }, data: {} });
    expect([403, 404], action).toContain(response.status());
  }
  const other = await apiToken(request, 'xa.hs');
  expect((await request.get(`/api/v1/loans/${loanId}`, { headers: { authorization: `Bearer ${other}` } })).status()).toBe(404);
});
