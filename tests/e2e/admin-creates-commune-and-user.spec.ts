import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn, signOut } from './helpers';

test('admin creates a commune and a user for it, who then signs in and sees only that commune', async ({ page }) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `NB-T${suffix}`;
  const communeName = `Hội LHPN xã Thử ${suffix}`;
  const username = `xa.thu${suffix.toLowerCase()}`;

  await signIn(page, 'admin');
  await page.goto('/org-units');
  const create = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm đơn vị' }) });
  await create.getByLabel('Đơn vị cấp trên').selectOption({ label: 'Hội LHPN tỉnh Ninh Bình (NB)' });
  await create.getByLabel('Mã đơn vị').fill(code);
  await create.getByLabel('Tên').fill(communeName);
  await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(create.getByRole('status')).toHaveText(`Đã thêm đơn vị ${communeName}.`);
  await expect(page.getByTestId('org-tree').getByRole('link', { name: communeName })).toBeVisible();

  // The same code again is refused with a message naming the field.
  await create.getByLabel('Mã đơn vị').fill(code);
  await create.getByLabel('Tên').fill('Trùng mã');
  await create.getByRole('button', { name: 'Thêm đơn vị' }).click();
  await expect(create.getByText(`Mã đơn vị ${code} đã được dùng.`).first()).toBeVisible();

  await page.goto('/users');
  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm người dùng' }) });
  await form.getByLabel('Tên đăng nhập').fill(username);
  await form.getByLabel('Họ và tên').fill('Nguyễn Thị Thử');
  await form.getByLabel('Mật khẩu').fill('MatKhau@123');
  await form.getByLabel('Vai trò').selectOption('COMMUNE_OFFICER');
  await form.getByLabel('Đơn vị').selectOption({ label: `${communeName} (${code}) · Xã/Phường` });
  await form.getByRole('button', { name: 'Thêm người dùng' }).click();
  await expect(form.getByRole('status')).toHaveText(`Đã thêm người dùng ${username}.`);
  await page.screenshot({ path: `${SCREENSHOTS}/users-admin.png`, fullPage: true });
  await signOut(page);

  await signIn(page, username, 'MatKhau@123');
  await expect(page.getByTestId('current-unit')).toHaveText(communeName);
  await page.goto('/org-units');
  await expect(page.getByTestId('org-tree').getByRole('link')).toHaveText([communeName]);
  // A commune officer has no user management.
  await expect(page.getByRole('link', { name: 'Người dùng' })).toHaveCount(0);
  expect((await page.goto('/users'))?.status()).toBe(404);
});

test('the audit log lists who changed what, filtered by action', async ({ page, request }) => {
  const token = await (await request.post('/api/v1/auth/token', { data: { username: 'tinh', password: 'Demo@2026' } })).json();
  const parentId = (await (await request.get('/api/v1/org-units', { headers: { authorization: `Bearer ${token.token}` } })).json()).units.find(
    (u: { code: string }) => u.code === 'NB',
  ).id;
  const code = `NB-A${Date.now().toString(36).toUpperCase()}`;
  const created = await request.post('/api/v1/org-units', {
    headers: { authorization: `Bearer ${token.token}` },
    data: { code, name: 'Hội LHPN xã Kiểm Tra', parentId },
  });
  expect(created.status()).toBe(201);

  // The audit log belongs to the installation's administrator (the central union's).
  await signIn(page, 'tw.quantri');
  await page.goto('/audit');
  await page.getByLabel('Thao tác').fill('orgUnit.create');
  await page.getByLabel('Người thực hiện').fill('tinh');
  await page.getByRole('button', { name: 'Lọc' }).click();
  const row = page.getByRole('row', { name: /orgUnit\.create/ }).first();
  await expect(row).toContainText('tinh');
  // The action by its Vietnamese name, the unit by its name with a link to its page.
  await expect(row).toContainText('Thêm đơn vị');
  await expect(row.getByRole('link', { name: `Hội LHPN xã Kiểm Tra (${code})` })).toBeVisible();
  await row.getByText('Xem chi tiết').click();
  await expect(row).toContainText(code);
  await page.screenshot({ path: `${SCREENSHOTS}/audit-admin.png`, fullPage: true });
});
