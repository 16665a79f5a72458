import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn } from './helpers';

// Issue 24 §2–§3 (decision 027) in the browser: a commune officer records a member's request to
// restrict the processing of her data and lifts it; records that she left; then, on her request,
// erases her personal data — her page now shows a pseudonym and the search no longer finds her.
// The central administrator sets the retention period (at least 10 years, refused below).

test('an officer restricts and lifts, then erases the data of a member who left; her name is gone', async ({ page }) => {
  const stamp = Date.now() % 1_000_000;
  const name = `Đỗ Thị Quyền ${stamp}`;
  await signIn(page, 'xa.yk');
  await page.goto('/members');
  const create = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm thành viên' }) });
  await create.getByLabel('Họ và tên').fill(name);
  await create.getByLabel('Số CCCD').fill(`001180${String(stamp).padStart(6, '0')}`);
  await create.getByLabel('Năm sinh').fill('1980');
  await create.getByLabel('Điện thoại').fill('0915000111');
  await create.getByRole('button', { name: 'Thêm thành viên' }).click();
  await expect(create.getByRole('status')).toHaveText(`Đã thêm thành viên ${name}.`);
  await page.goto(`/members?q=${encodeURIComponent(name)}`);
  await page.getByRole('link', { name }).click();
  await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
  const memberUrl = page.url();

  const rights = page.getByTestId('member-rights');
  await rights.locator('summary', { hasText: 'Hạn chế xử lý' }).click();
  await rights.getByRole('button', { name: 'Hạn chế xử lý' }).click();
  await expect(rights.getByLabel('Lý do (không ghi họ tên, CCCD)')).toHaveAttribute('aria-invalid', 'true');
  await rights.getByLabel('Lý do (không ghi họ tên, CCCD)').fill('Chị yêu cầu tại buổi họp tổ');
  await rights.getByRole('button', { name: 'Hạn chế xử lý' }).click();
  await expect(rights.getByTestId('restriction')).toContainText('Đã hạn chế xử lý từ');
  await expect(rights.getByTestId('restriction')).toContainText('Chị yêu cầu tại buổi họp tổ');
  await page.screenshot({ path: `${SCREENSHOTS}/member-restricted.png`, fullPage: true });
  await rights.getByRole('button', { name: 'Bỏ hạn chế' }).click();
  await expect(rights.getByTestId('restriction')).toHaveCount(0);

  page.on('dialog', (dialog) => dialog.accept());
  const leave = page.locator('section', { has: page.getByRole('heading', { name: 'Rời tổ' }) });
  await leave.getByRole('button', { name: 'Ghi nhận rời tổ' }).click();
  await expect(page.locator('main')).toContainText('Đã rời tổ');

  await rights.locator('summary', { hasText: 'Xoá dữ liệu cá nhân' }).click();
  await expect(rights).toContainText('Hồ sơ vay, tiết kiệm phải lưu ít nhất 10 năm');
  await rights.getByRole('button', { name: 'Xoá dữ liệu cá nhân' }).click();
  // The page is drawn again from the record: the note of her anonymisation replaces the forms.
  await expect(rights).toContainText('Hồ sơ đã được ẩn danh hoá ngày');
  await page.goto(memberUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Thành viên ẩn danh [0-9A-F]{8}$/);
  await expect(page.locator('main')).not.toContainText(name);
  await expect(page.locator('main')).toContainText('Hồ sơ đã được ẩn danh hoá ngày');
  await page.screenshot({ path: `${SCREENSHOTS}/member-anonymised.png`, fullPage: true });
  await page.goto(`/members?q=${encodeURIComponent(name)}&status=LEFT`);
  await expect(page.getByRole('link', { name })).toHaveCount(0);
});

test('the central administrator sets the retention period; below ten years is refused naming the field', async ({ page }) => {
  await signIn(page, 'tw.quantri');
  await page.goto('/audit/personal-data');
  const retention = page.getByTestId('retention');
  await expect(retention).toContainText('được giữ thêm 10 năm');
  await retention.getByLabel('Số năm lưu sau giao dịch cuối').fill('5');
  await retention.getByRole('button', { name: 'Lưu thời hạn' }).click();
  await expect(retention).toContainText('Số năm lưu trữ tối thiểu là 10');
  await retention.getByLabel('Số năm lưu sau giao dịch cuối').fill('12');
  await retention.getByRole('button', { name: 'Lưu thời hạn' }).click();
  await expect(retention.getByRole('status')).toHaveText('Đã lưu thời hạn lưu trữ: 12 năm.');
  await expect(retention).toContainText('được giữ thêm 12 năm');
  await page.screenshot({ path: `${SCREENSHOTS}/retention.png`, fullPage: true });
  await retention.getByLabel('Số năm lưu sau giao dịch cuối').fill('10');
  await retention.getByRole('button', { name: 'Lưu thời hạn' }).click();
  await expect(retention.getByRole('status')).toHaveText('Đã lưu thời hạn lưu trữ: 10 năm.');
});
