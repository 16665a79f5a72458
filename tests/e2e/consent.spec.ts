import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn } from './helpers';

// Issue 24 §1: the demo's TV0050 (QQV-01) withdrew her consent to sharing her data with the bank. A
// VBSP loan for her is refused, the form naming the missing consent; the officer records her new
// signed form on her page, and the application goes through.

test('a loan for a member without the consent it needs is refused naming it; after the consent is recorded it passes', async ({ page }) => {
  await signIn(page, 'xa.yk');
  await page.goto('/members?q=TV0050');
  await expect(page.locator('main')).toContainText('Chưa chia sẻ NHCSXH');
  await page.locator('main').getByRole('link').filter({ hasText: 'Thị' }).first().click();
  await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);
  const consent = page.locator('section', { has: page.getByRole('heading', { name: 'Đồng ý xử lý dữ liệu cá nhân' }) });
  await expect(consent.getByTestId('consent-current')).toContainText('Đã rút lại ngày');
  await expect(consent.getByTestId('consent-history')).toContainText('Đơn rút lại số 01 (mẫu)');

  await page.getByText('Lập hồ sơ vay').click();
  const apply = page.locator('form', { has: page.getByRole('button', { name: 'Lập hồ sơ' }) });
  await apply.getByLabel('Chương trình vay').selectOption({ label: 'HN · Cho vay hộ nghèo (1.000.000–100.000.000 ₫, 12–60 tháng)' });
  await apply.getByLabel('Số tiền (đồng)').fill('8.000.000');
  await apply.getByLabel('Thời hạn (tháng)').fill('12');
  await apply.getByLabel('Mục đích sử dụng vốn').fill('Nuôi vịt');
  await apply.getByRole('button', { name: 'Lập hồ sơ' }).click();
  await expect(apply).toContainText('Thành viên chưa có đồng ý cho: chia sẻ dữ liệu với Ngân hàng Chính sách xã hội (cần cho khoản vay ủy thác).');
  await page.screenshot({ path: `${SCREENSHOTS}/consent-refused.png`, fullPage: true });

  await consent.getByText('Ghi nhận đồng ý hoặc rút lại').click();
  await consent.getByLabel('Nội dung').selectOption({ label: 'Chia sẻ dữ liệu với Ngân hàng Chính sách xã hội (vay ủy thác)' });
  await consent.getByLabel('Đồng ý hay rút lại').selectOption({ label: 'Đồng ý' });
  await consent.getByLabel('Số phiếu / số đơn').fill('PĐY-2026-050');
  await consent.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(consent.getByRole('status')).toHaveText('Đã ghi nhận.');
  await expect(consent.getByTestId('consent-history')).toContainText('PĐY-2026-050');
  await expect(consent.getByTestId('consent-current')).not.toContainText('Đã rút lại');

  await apply.getByLabel('Chương trình vay').selectOption({ label: 'HN · Cho vay hộ nghèo (1.000.000–100.000.000 ₫, 12–60 tháng)' });
  await apply.getByLabel('Số tiền (đồng)').fill('8.000.000');
  await apply.getByLabel('Mục đích sử dụng vốn').fill('Nuôi vịt');
  await apply.getByRole('button', { name: 'Lập hồ sơ' }).click();
  await expect(apply.getByRole('status')).toContainText('Đã nhận hồ sơ vay NB-YK-');
});
