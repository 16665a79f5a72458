import { expect, test, type APIRequestContext } from '@playwright/test';
import { todayInVietnam } from '@/lib/clock';
import { SCREENSHOTS, apiToken, signIn, signOut, unitIdByCode } from './helpers';

// The 2025 journey on a district of its own (so the shared demo keeps its shape): the district and
// two communes with a group, a member and a loan each are loaded from files as a union would bring
// its history; last year on 1 July the district ended and its two communes merged into one. The
// administrator uploads the official list, reads the preview, applies it; the province officer
// reads last year's report of the new commune, restated from the old ones.

const year = todayInVietnam().getUTCFullYear() - 1;
const cccd = (serial: number) => `036180${String(serial).padStart(6, '0')}`;
const csv = (header: string, rows: string[][]) => ({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${header}\r\n${rows.map((r) => r.join(',')).join('\r\n')}\r\n`) });

async function load(request: APIRequestContext, token: string, kind: string, file: ReturnType<typeof csv>) {
  const response = await request.post(`/api/v1/imports?kind=${kind}&dryRun=0`, { headers: { authorization: `Bearer ${token}` }, multipart: { file } });
  expect(response.status(), `${kind}: ${await response.text()}`).toBe(200);
}

test('an administrator applies a reorganisation from its file, and the province reads the year restated into the new commune', async ({ page, request }) => {
  test.setTimeout(180_000);
  const stamp = Date.now() % 1_000_000;
  const district = `RH${stamp}`;
  const [a, b, merged] = [`${district}-A`, `${district}-B`, `${district}-M`];
  const admin = await apiToken(request, 'admin');
  await load(request, admin, 'org-units', csv('Mã đơn vị,Tên đơn vị,Cấp,Mã đơn vị cấp trên,Trạng thái', [
    [district, `Hội LHPN huyện Thử ${stamp}`, 'Quận/Huyện', 'NB', ''],
    [a, `Hội LHPN xã Thử A ${stamp}`, 'Xã/Phường', district, ''],
    [b, `Hội LHPN xã Thử B ${stamp}`, 'Xã/Phường', district, ''],
  ]));
  await load(request, admin, 'groups', csv('Mã xã/phường,Mã tổ,Tên tổ,Chương trình', [[a, 'TK-01', 'Tổ xóm 1', 'Ủy thác NHCSXH'], [b, 'TK-01', 'Tổ xóm 2', 'Ủy thác NHCSXH']]));
  const base = 600_000 + (stamp % 300_000);
  await load(request, admin, 'members', csv('Mã xã/phường,Mã tổ,Họ và tên,Giới tính,Năm sinh,Số CCCD,Loại hộ,Ngày vào tổ', [
    [a, 'TK-01', `Nguyễn Thị Sáp ${stamp}`, 'Nữ', '1980', cccd(base), 'Hộ nghèo', `02/01/${year}`],
    [b, 'TK-01', `Trần Thị Nhập ${stamp}`, 'Nữ', '1980', cccd(base + 1), 'Hộ nghèo', `02/01/${year}`],
  ]));
  await load(request, admin, 'loans', csv('Số khoản vay,Mã xã/phường,Số CCCD,Mã chương trình,Ngày giải ngân,Số tiền giải ngân,Thời hạn (tháng),Mục đích', [
    [`KU-${stamp}-1`, a, cccd(base), 'HN', `10/01/${year}`, '30.000.000', '36', 'Chăn nuôi'],
    [`KU-${stamp}-2`, b, cccd(base + 1), 'HN', `10/01/${year}`, '20.000.000', '36', 'Trồng trọt'],
  ]));

  // The official list: the district ends into the province, both communes become one.
  const event = ['01/07/' + year, '1680/NQ-UBTVQH15', '16/06/' + year];
  const list = csv('Mã đơn vị cũ,Mã đơn vị mới,Tên đơn vị mới,Mã đơn vị cấp trên mới,Ngày hiệu lực,Số quyết định,Ngày quyết định,Tài khoản', [
    [district, 'NB', 'Hội LHPN tỉnh Ninh Bình', '', ...event, ''],
    [a, merged, `Hội LHPN xã Hợp Nhất ${stamp}`, '', ...event, 'Chuyển'],
    [b, merged, `Hội LHPN xã Hợp Nhất ${stamp}`, '', ...event, 'Chuyển'],
  ]);
  await signIn(page, 'admin');
  await page.goto('/org-units');
  await page.getByRole('link', { name: /Nhập danh sách sắp xếp đơn vị/ }).click();
  await expect(page.getByLabel('Danh sách')).toHaveValue('reorganisation');
  await page.getByLabel('Tệp Excel hoặc CSV').setInputFiles(list);
  await page.getByLabel(/Chỉ kiểm tra/).check();
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  const preview = page.getByTestId('reorganisation-preview');
  // A dry run plans the whole event (and its restatement) on the server: on a loaded machine it has
  // taken more than Playwright's 10 s default, so the preview gets the time an import does.
  await expect(preview).toContainText('2 xã/phường cũ thành 1 xã/phường; hiệu lực 01/07/' + year, { timeout: 60_000 });
  const row = preview.getByRole('row', { name: new RegExp(`Hợp Nhất ${stamp}`) });
  await expect(row).toContainText(`Hội LHPN xã Thử A ${stamp}, Hội LHPN xã Thử B ${stamp}`);
  await expect(row).toContainText('50.000.000 ₫');
  await page.screenshot({ path: `${SCREENSHOTS}/reorganisation-preview.png`, fullPage: true });
  await page.getByLabel(/Chỉ kiểm tra/).uncheck();
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
  await page.goto('/org-units');
  await expect(page.getByTestId('reorganisations')).toContainText('1680/NQ-UBTVQH15');
  await expect(page.getByTestId('org-tree')).toContainText(`Hội LHPN xã Hợp Nhất ${stamp}`);
  await expect(page.getByTestId('org-tree')).not.toContainText(`Hội LHPN huyện Thử ${stamp}`);

  // Last year's report of the new commune: both old communes' loans, said to be restated.
  const id = await unitIdByCode(request, merged);
  await signOut(page);
  await signIn(page, 'tinh');
  await page.goto(`/reports?orgUnitId=${id}&from=${year}-01-01&to=${year}-12-31`);
  await expect(page.getByTestId('restated-notice')).toContainText('2 xã/phường cũ → 1 xã/phường');
  await expect(page.getByTestId('figure-disbursed')).toContainText('50.000.000 ₫');
  await expect(page.getByTestId('by-child').getByRole('row')).toHaveCount(4); // header, the two groups, the total
  await page.screenshot({ path: `${SCREENSHOTS}/report-restated.png`, fullPage: true });
});
