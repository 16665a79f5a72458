import { expect, test } from '@playwright/test';
import { monthFromToday, monthLabel, SCREENSHOTS, signIn } from './helpers';

// Reconciliation with the bank's monthly list (issue 21, section 6), as a commune officer does it:
// upload the office's file (its own column names, chosen once), read the differences per group,
// follow one to its loan, then mark the month reconciled with a note. The service test
// (lib/reconciliation/reconciliation.test.ts) proves every planted difference is found, and nothing else.

test('a commune officer reconciles last month with the bank’s list', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'xa.yk');
  const response = await page.request.get('/api/v1/loans?status=DISBURSED');
  const { loans } = (await response.json()) as { loans: { id: string; number: string; programme: { code: string } }[] };
  const bankLoan = loans.find((l) => l.programme.code !== 'QQV' && l.number.startsWith('NB-YK'))!;
  expect(bankLoan).toBeTruthy();
  // The office's export: title lines, its own header names (one the app does not know), ';' as Excel writes with Vietnamese settings.
  const csv = [
    'NGÂN HÀNG CHÍNH SÁCH XÃ HỘI - PGD Ý YÊN',
    'DANH SÁCH ĐỐI CHIẾU DƯ NỢ',
    'STT;Số khế ước;Tên khách hàng;Số CMND/CCCD;DN cuối tháng (đồng);Lãi đã thu',
    `1;${bankLoan.number};;;1.000;0`,
    '2;KU-LA-0001;Trần Thị Lạ;036190099999;7.000.000;35.000',
  ].join('\n');

  await page.getByRole('link', { name: 'Đối chiếu NHCSXH' }).click();
  await expect(page.getByRole('heading', { name: 'Đối chiếu với NHCSXH' })).toBeVisible();
  await page.getByLabel('Xã/phường').selectOption({ label: 'Hội LHPN xã Yên Khang' });
  await page.getByLabel('Tệp danh sách').setInputFiles({ name: 'doi-chieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Đọc tệp' }).click();
  // The usual names are recognised; the outstanding column is chosen by hand.
  await expect(page.getByLabel('Số khoản vay (khế ước)')).toHaveValue('Số khế ước');
  await expect(page.getByLabel('Dư nợ cuối tháng')).toHaveValue('');
  await page.getByLabel('Dư nợ cuối tháng').selectOption('DN cuối tháng (đồng)');
  await page.getByRole('button', { name: 'Đối chiếu', exact: true }).click();

  await page.waitForURL(/\/reconciliation\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Đối chiếu tháng ${monthLabel(monthFromToday(-1))} · Hội LHPN xã Yên Khang` })).toBeVisible();
  // The borrower the union does not know, and the loan whose outstanding differs, linked to its page.
  const unknown = page.getByTestId('differences-none');
  await expect(unknown).toContainText('Chỉ có trong danh sách ngân hàng');
  await expect(unknown).toContainText('Trần Thị Lạ · 036*******99 · KU-LA-0001');
  const loanRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: bankLoan.number, exact: true }) }).first();
  await expect(loanRow).toContainText('Dư nợ khác nhau');
  await expect(loanRow).toContainText('1.000\u00a0₫');
  await page.screenshot({ path: `${SCREENSHOTS}/reconciliation-result.png`, fullPage: true });

  // Marking the month reconciled needs a note while differences are left; then who and when are shown.
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Đánh dấu đã đối chiếu' }).click();
  await expect(page.getByText(/chênh lệch: hãy ghi chú lý do/).first()).toBeVisible();
  await page.getByLabel('Ghi chú (giải thích các chênh lệch còn lại)').fill('KU-LA-0001 là khế ước của xã khác; đã báo phòng giao dịch');
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Đánh dấu đã đối chiếu' }).click();
  await expect(page.getByTestId('reconciled')).toContainText('Đã đối chiếu xong:');
  await expect(page.getByTestId('reconciled')).toContainText('đã báo phòng giao dịch');

  // The link leads to the loan; the list shows the month reconciled.
  await loanRow.getByRole('link', { name: bankLoan.number, exact: true }).click();
  await page.waitForURL(`**/loans/${bankLoan.id}`);
  await page.goto('/reconciliation');
  await expect(page.getByTestId('reconciliation-list')).toContainText('Đã đối chiếu:');
});
