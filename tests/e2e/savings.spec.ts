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

test('the province officer sees chapter-pool participation and changes a scheme\'s withdrawal notice; a withdrawal then asks for it', async ({ page, browser }) => {
  await signIn(page, 'tinh');
  await page.goto('/savings');
  // Demo: 12 of the 40 union members of Yên Khang's chapter 2 save in the pool.
  const chapter = page.getByTestId('participation').getByRole('row').filter({ hasText: 'NB-YK-CH2' });
  await expect(chapter).toContainText('12');
  await expect(chapter).toContainText('40');
  await expect(chapter).toContainText('30,00 %');
  const card = page.locator('section', { has: page.getByRole('heading', { name: /^TKNH/ }) });
  await card.locator('summary', { hasText: 'Sửa quy định TKNH' }).click();
  await card.getByLabel('Số ngày báo trước khi rút').fill('7');
  await card.getByRole('button', { name: 'Lưu quy định' }).click();
  await expect(card.getByRole('status')).toContainText('Đã lưu quy định của TKNH');
  await expect(card).toContainText('báo trước 7 ngày');
  await page.screenshot({ path: 'tests/.artifacts/screenshots/savings-schemes.png', fullPage: true });

  // A commune officer's withdrawal from a TKNH account without notice is refused, naming the notice date.
  const officer = await (await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
  await signIn(officer, 'xa.yk');
  await officer.goto('/members?q=TV0011');
  await officer.getByRole('link').filter({ hasText: 'Thị' }).first().click();
  const savings = officer.locator('section', { has: officer.getByRole('heading', { name: 'Tiết kiệm' }) });
  await savings.locator('summary', { hasText: 'Mở sổ tiết kiệm' }).click();
  await savings.getByLabel('Loại tiết kiệm').selectOption({ label: 'Tiết kiệm qua tổ (NHCSXH)' });
  await savings.getByRole('button', { name: 'Mở sổ tiết kiệm' }).click();
  await expect(savings.getByTestId('savings-accounts')).toContainText('Tiết kiệm qua tổ (NHCSXH) · Số dư: 0\u00a0₫');
  await savings.getByLabel('Số tiền (đồng)').fill('100.000');
  await savings.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(savings.getByTestId('savings-accounts')).toContainText('Số dư: 100.000\u00a0₫');
  await savings.getByLabel('Loại', { exact: true }).selectOption('WITHDRAWAL');
  await savings.getByLabel('Số tiền (đồng)').fill('50.000');
  await savings.getByRole('button', { name: 'Ghi nhận' }).click();
  await expect(savings.getByText('phải báo trước 7 ngày').first()).toBeVisible();
});
