import { expect, test } from '@playwright/test';
import { SCREENSHOTS, signIn, signOut, unitIdByCode } from './helpers';

// The demo's two-tier Ninh Bình today (prisma/seed-reorganisation.ts); the communes that merged into
// them on 01/07/2025 are history, not in today's tree.
const ALL_COMMUNES = ['Yên Khang', 'Hoành Sơn', 'Giao Hòa', 'Nhân Thịnh', 'Yên Thắng'];
const MERGED_COMMUNES = ['Yên Phong', 'Yên Ninh', 'Giao Tiến', 'Giao Hà'];

const ROLES = [
  { username: 'tw.lanhdao', unit: 'Trung ương Hội LHPN Việt Nam', sees: ALL_COMMUNES },
  { username: 'admin', unit: 'Hội LHPN tỉnh Ninh Bình', sees: ALL_COMMUNES },
  { username: 'tinh', unit: 'Hội LHPN tỉnh Ninh Bình', sees: ALL_COMMUNES },
  // Ý Yên's district leader until 30/06/2025: the reorganisation moved her account to the province.
  { username: 'huyen.yy', unit: 'Hội LHPN tỉnh Ninh Bình', sees: ALL_COMMUNES },
  // The bank's Ý Yên office serves Yên Khang (which took in Yên Phong and Yên Ninh).
  { username: 'nhcs.yy', unit: 'Phòng giao dịch NHCSXH huyện Ý Yên', sees: ['Yên Khang'] },
  { username: 'xa.yk', unit: 'Hội LHPN xã Yên Khang', sees: ['Yên Khang'] },
  { username: 'xa.hs', unit: 'Hội LHPN xã Hoành Sơn', sees: ['Hoành Sơn'] },
];

for (const role of ROLES) {
  test(`${role.username} signs in, sees exactly their tree, and signs out`, async ({ page }) => {
    await signIn(page, role.username);
    await expect(page.getByTestId('current-unit')).toHaveText(role.unit);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn vị Hội' }).click();
    const tree = page.getByTestId('org-tree');
    for (const commune of ALL_COMMUNES) {
      const link = tree.getByRole('link', { name: `Hội LHPN xã ${commune}` });
      if (role.sees.includes(commune)) await expect(link).toBeVisible();
      else await expect(link).toHaveCount(0);
    }
    for (const commune of MERGED_COMMUNES) await expect(tree.getByRole('link', { name: `Hội LHPN xã ${commune}` })).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/org-tree-${role.username}.png`, fullPage: true });
    await signOut(page);
    await page.goto('/org-units');
    await expect(page).toHaveURL(/\/login/);
  });
}

test('a commune officer opening another commune by URL gets "not found"', async ({ page, request }) => {
  const hoanhSon = await unitIdByCode(request, 'NB-HS');
  const yenKhang = await unitIdByCode(request, 'NB-YK');
  await signIn(page, 'xa.yk');
  await page.goto(`/org-units/${yenKhang}`);
  await expect(page.getByRole('heading', { name: 'Hội LHPN xã Yên Khang' })).toBeVisible();
  await page.goto(`/org-units/${hoanhSon}`);
  await expect(page.getByRole('heading', { name: 'Không tìm thấy' })).toBeVisible();
  await expect(page.getByText('Hoành Sơn')).toHaveCount(0);
  const api = await page.request.get(`/api/v1/org-units/${hoanhSon}`);
  expect(api.status()).toBe(404);
});

test('a wrong password shows a clear message and does not sign in', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Tên đăng nhập').fill('huyen.yy');
  await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page).toHaveURL(/\/login/);
});

test('the interface switches to English and back', async ({ page }) => {
  await signIn(page, 'huyen.yy');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Union units' }).first()).toBeAttached();
  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
});
