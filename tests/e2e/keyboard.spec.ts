import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// The three journeys officers repeat most, with the keyboard alone: Tab to move, type, Space and
// Enter to act. (Pages are opened by address, as one does from the address bar.) A step that only
// a mouse could do fails here.

/** Presses Tab until `target` has the focus; fails if it is not reachable in `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`not reachable with Tab: ${target}`);
}

async function signInByKeyboard(page: Page, username: string) {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Tên đăng nhập'));
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mật khẩu')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-user')).toBeVisible();
}

test('sign-in with the keyboard alone; the first Tab offers the skip link to the content', async ({ page }) => {
  await signInByKeyboard(page, 'xa.yk');
  await page.goto('/loans');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Chuyển đến nội dung chính' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
});

test('a loan application with the keyboard alone', async ({ page }) => {
  await signInByKeyboard(page, 'xa.yk');
  await page.goto('/groups?q=TK-01');
  const groupLink = page.locator('main').getByRole('link', { name: 'TK-01', exact: true });
  await tabTo(page, groupLink);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  const member = page.locator('main ol').getByRole('link').nth(20);
  await tabTo(page, member, 120);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/members\/[0-9a-f-]{36}$/);

  await tabTo(page, page.locator('summary', { hasText: 'Lập hồ sơ vay' }));
  await page.keyboard.press('Enter');
  const apply = page.locator('form', { has: page.getByRole('button', { name: 'Lập hồ sơ' }) });
  await tabTo(page, apply.getByLabel('Chương trình vay'));
  await page.keyboard.type('HN'); // type-ahead picks "HN · Cho vay hộ nghèo …"
  await expect(apply.getByLabel('Chương trình vay')).toHaveValue(/.+/);
  await tabTo(page, apply.getByLabel('Số tiền (đồng)'));
  await page.keyboard.type('8.000.000');
  await tabTo(page, apply.getByLabel('Thời hạn (tháng)'));
  await page.keyboard.type('12');
  await tabTo(page, apply.getByLabel('Mục đích sử dụng vốn'));
  await page.keyboard.type('Nuôi lợn');
  await tabTo(page, apply.getByRole('button', { name: 'Lập hồ sơ' }));
  await page.keyboard.press('Enter');
  await expect(apply.getByRole('status')).toContainText('Đã nhận hồ sơ vay NB-YK-');
});

test('a collection sheet with the keyboard alone: change an amount, mark an absence, save', async ({ page }) => {
  await signInByKeyboard(page, 'xa.yk');
  await page.goto('/groups?q=QQV-01');
  await tabTo(page, page.locator('main').getByRole('link', { name: 'QQV-01' }));
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}/sheet`);
  const sheet = page.getByTestId('sheet');
  const firstLoan = sheet.getByLabel(/^Thực thu nợ: /).first();
  await tabTo(page, firstLoan);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('100.000');
  const absent = sheet.getByLabel(/^Có mặt: /).nth(1);
  await tabTo(page, absent);
  await page.keyboard.press('Space');
  await expect(absent).not.toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Lưu bảng kê' }), 200);
  await page.keyboard.press('Enter');
  // Saved: the sheet now shows what was collected, the changed amount included.
  await expect(page.getByText(/^Đã lưu lúc/)).toBeVisible();
  await expect(page.getByTestId('sheet')).toContainText('100.000');
});
