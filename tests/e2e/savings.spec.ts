import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

test('a commune officer opens a savings account, deposits within the monthly limit, and sees the balance', async ({ page }) => {
  await signIn(page, 'xa.yk');
  await page.goto('/members?q=TV0010');
  await page.getByRole('link').filter({ hasText: 'Thị' }).first().click();
  const card = page.locator('section', { has: page.getByRole('heading', { name: 'Tiết kiệm' }) });
  await card.locator('summary', { hasText: 'Mở sổ tiết kiệm' }).click();
  await card.getByLabel('Loại tiết kiệm').selectOption({ label: 'Tiết kiệm thành viên tổ' });
  await card.getByRole('button', { name: 'Mở sổ tiết kiệm' }).click();
  await expect(card.getByTestId('savings-accounts')).toContainText('Tiết kiệm thành viên tổ · Số dư: 0\u00a0₫');
  const amount = card.getByLabel('Số tiền (đồng)');
  await amount.fill('600.000');
  await card.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(card.getByText('Vượt mức gửi tối đa 500.000 đồng trong tháng').first()).toBeVisible();
  await amount.fill('300.000');
  await card.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(card.getByTestId('savings-accounts')).toContainText('Số dư: 300.000\u00a0₫');
});
