import { expect, test } from '@playwright/test';
import { signIn } from './helpers';

// Empty lists say why they are empty and what to do next (issue #11); lists of people read in
// Vietnamese order (given name, then family name; a ă â … d đ …; tones last).

test('a search that finds nothing says so and offers to clear the filters, on every register', async ({ page }) => {
  await signIn(page, 'xa.yk');
  for (const path of ['/members', '/groups', '/loans']) {
    await page.goto(`${path}?q=khongaitenthe`);
    const empty = page.getByTestId('empty-state');
    await expect(empty).toContainText('Không có kết quả nào khớp bộ lọc');
    await empty.getByRole('link', { name: 'Xoá bộ lọc' }).click();
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByTestId('empty-state')).toHaveCount(0);
    await expect(page.locator('table tbody tr').first()).toBeVisible();
  }
});

test('an inspection record without findings tells the leader how to add them', async ({ page }) => {
  await signIn(page, 'huyen.yy');
  await page.goto('/inspections');
  const record = page.locator('section', { has: page.getByRole('heading', { name: 'Ghi biên bản kiểm tra' }) });
  await record.getByLabel('Cấp kiểm tra').selectOption('COMMUNE');
  // Not Yên Khang: the inspections journey counts that commune's coverage.
  const communes = record.getByLabel('Xã/phường', { exact: true });
  const other = (await communes.locator('option').allTextContents()).find((name) => name !== '—' && !name.includes('Yên Khang'))!;
  await communes.selectOption({ label: other });
  await record.getByLabel('Người kiểm tra').fill('Chủ tịch Hội huyện');
  await record.getByRole('button', { name: 'Lưu biên bản' }).click();
  await page.waitForURL(/\/inspections\/[0-9a-f-]{36}$/);
  const findings = page.locator('section', { has: page.getByRole('heading', { name: 'Nội dung kiểm tra', exact: true }) }).getByTestId('empty-state');
  await expect(findings).toContainText('Chưa ghi nội dung nào.');
  await expect(findings).toContainText('Ghi từng nội dung kiểm tra bằng mẫu “Ghi kết quả kiểm tra” bên dưới.');
  await expect(page.getByRole('heading', { name: 'Ghi kết quả kiểm tra' })).toBeVisible();
});

test('the members register reads in Vietnamese order: given name first, đ after d, tones last', async ({ page }) => {
  await signIn(page, 'xa.yk');
  await page.goto('/members?status=ACTIVE');
  const names = await page.locator('table tbody tr td:first-child').allTextContents();
  expect(names.length).toBeGreaterThan(20);
  const collator = new Intl.Collator('vi', { sensitivity: 'accent' });
  const registerOrder = (name: string) => {
    const words = name.trim().split(/\s+/);
    return [words.at(-1), words[0], ...words.slice(1, -1)].join(' ');
  };
  for (let i = 1; i < names.length; i++) {
    expect(collator.compare(registerOrder(names[i - 1]!), registerOrder(names[i]!)), `${names[i - 1]} before ${names[i]}`).toBeLessThanOrEqual(0);
  }
});
