import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { demoMeetingsToday, SCREENSHOTS, signIn, signOut } from './helpers';

// The demo computes the fee statements of the months of its saved sheets (prisma/seed-fund.ts).
const digits = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');

test('a bank liaison reads a month of entrustment fees and commissions and downloads it; the workbook matches the page', async ({ page }) => {
  await signIn(page, 'nhcs.yy');
  const month = demoMeetingsToday('TK-03').savedMonths[1];
  await page.goto(`/fees?month=${month}`);
  // Computed by the demo; other tests may since have posted back-dated loans, which the page flags.
  await expect(page.getByTestId('fee-status')).toContainText(/tính lúc \d\d\/\d\d\/\d{4}/);
  await expect(page.getByRole('button', { name: /Tính/ })).toHaveCount(0);
  const communes = page.getByTestId('fee-communes');
  await expect(communes.getByRole('row', { name: /Yên Khang/ })).toBeVisible();
  const totalFee = digits(await communes.locator('tfoot td').nth(3).textContent());
  expect(totalFee).toBeGreaterThan(0n);
  await expect(page.getByTestId('fee-leaders').getByRole('row', { name: /TK-03/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/fees.png`, fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel (Hội cơ sở)' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const sheet = workbook.worksheets[0]!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  expect(header).toEqual(expect.arrayContaining(['Xã/phường', 'Phí ủy thác', 'Phần Hội xã']));
  const last = sheet.getRow(sheet.actualRowCount);
  expect(String(last.getCell(1).value)).toBe('Tổng cộng');
  expect(BigInt(String(last.getCell(header.indexOf('Phí ủy thác') + 1).value))).toBe(totalFee);
});

test('a commune asks to leave the revolving fund; the province approves, lending stops, closing waits for the cash, then the commune is settled', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'xa.hs');
  await page.goto('/fund');
  await page.getByText('Đề nghị tất toán', { exact: true }).click();
  await page.getByLabel('Văn bản kèm theo').fill('Biên bản họp Ban Chấp hành số 05');
  await page.getByLabel('Lý do').fill('Xã sáp nhập, chuyển vốn về tỉnh');
  await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
  await page.waitForURL(/\/fund\/settlements\/[0-9a-f-]{36}$/);
  const settlementUrl = page.url();
  await expect(page.getByText('Chờ tỉnh duyệt')).toBeVisible();
  await signOut(page);

  await signIn(page, 'tinh');
  await page.goto(settlementUrl);
  page.on('dialog', (dialog) => dialog.accept());
  await page.getByLabel('Quyết định', { exact: true }).selectOption('approve');
  await page.getByRole('button', { name: 'Lưu quyết định' }).click();
  await expect(page.getByText('Đã duyệt – đang thu hồi')).toBeVisible();
  await expect(page.getByText('Từ ngày duyệt: không nhận hồ sơ mới')).toBeVisible();
  const worksheet = page.getByTestId('worksheet');
  await expect(worksheet.getByRole('row', { name: /Tiền mặt.*60\.000\.000/ })).toBeVisible();
  await page.getByRole('button', { name: 'Kết thúc tất toán' }).click();
  await expect(page.getByText(/Chưa thể kết thúc tất toán: còn 1 khoản .*Tiền mặt: 60\.000\.000 đ/)).toBeVisible();

  await page.goto('/fund');
  const allocation = page.locator('section', { has: page.getByRole('heading', { name: 'Cấp và thu hồi vốn Quỹ' }) });
  await allocation.getByLabel('Xã/phường').selectOption({ label: 'Hội LHPN xã Hoành Sơn' });
  await allocation.getByLabel('Nghiệp vụ').selectOption('RETURN');
  await allocation.getByLabel('Số tiền').fill('60.000.000');
  await allocation.getByRole('button', { name: 'Ghi sổ' }).click();
  await expect(allocation.getByRole('status')).toContainText(/Đã ghi nhận xã nộp trả 60\.000\.000/);

  await page.goto(settlementUrl);
  await expect(page.getByText('Mọi khoản đã về 0')).toBeVisible();
  await page.getByRole('button', { name: 'Kết thúc tất toán' }).click();
  await expect(page.getByText('Đã tất toán', { exact: true })).toBeVisible();
  await expect(page.getByText('Ngày kết thúc')).toBeVisible();
  await page.goto('/fund');
  await expect(page.getByTestId('fund-communes')).toContainText('đã tất toán: 1');
  await expect(page.getByTestId('fund-balance').getByRole('row', { name: /Hoành Sơn.*Đã tất toán/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/fund.png`, fullPage: true });
  await signOut(page);

  // The commune's officer can no longer apply for a fund loan.
  await signIn(page, 'xa.hs');
  await page.goto('/members');
  await page.getByRole('link').filter({ hasText: 'Thị' }).first().click();
  await page.getByText('Lập hồ sơ vay').click();
  const apply = page.locator('form', { has: page.getByRole('button', { name: 'Lập hồ sơ' }) });
  await apply.getByLabel('Chương trình vay').selectOption({ label: 'QQV · Quỹ quay vòng Hội LHPN tỉnh (1.000.000–10.000.000 ₫, 12–24 tháng)' });
  await apply.getByLabel('Số tiền (đồng)').fill('5.000.000');
  await apply.getByLabel('Thời hạn (tháng)').fill('12');
  await apply.getByLabel('Mục đích sử dụng vốn').fill('Buôn bán nhỏ');
  await apply.getByRole('button', { name: 'Lập hồ sơ' }).click();
  await expect(apply.getByText('Xã đã tất toán Quỹ quay vòng.').first()).toBeVisible();
});
