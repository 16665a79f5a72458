import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { SCREENSHOTS, signIn } from './helpers';

// A CCCD consistent with a woman born in 1980, registered in Nam Định (036).
const cccd = (serial: number) => `036180${String(serial).padStart(6, '0')}`;
const HEADER = 'Mã xã/phường,Mã tổ,Mã thành viên,Họ và tên,Giới tính,Năm sinh,Số CCCD,Điện thoại,Địa chỉ,Loại hộ,Hội viên,Mã chi hội,Ngày vào tổ,Trạng thái,Ngày rời tổ'
  + ',Đồng ý tham gia vay vốn và tiết kiệm (ngày),Đồng ý chia sẻ với NHCSXH (ngày),Số phiếu đồng ý';

test('a commune officer registers a group and members, transfers one, imports 200 rows, and exports', async ({ page }) => {
  test.setTimeout(180_000);
  const stamp = Date.now() % 1_000_000;
  const base = 100_000 + (stamp % 800_000);
  const groupA = `E${stamp}A`;
  const groupB = `E${stamp}B`;
  await signIn(page, 'xa.yk');

  await page.goto('/groups');
  const createGroup = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm tổ' }) });
  for (const [code, name] of [[groupA, 'Tổ TK&VV thử A'], [groupB, 'Tổ TK&VV thử B']]) {
    await createGroup.getByLabel('Mã tổ').fill(code!);
    await createGroup.getByLabel('Tên', { exact: true }).fill(name!);
    await createGroup.getByLabel('Chương trình').selectOption('VBSP');
    await createGroup.getByRole('button', { name: 'Thêm tổ' }).click();
    await expect(createGroup.getByRole('status')).toHaveText(`Đã thêm tổ ${code}.`);
  }

  await page.goto('/members');
  const createMember = page.locator('section', { has: page.getByRole('heading', { name: 'Thêm thành viên' }) });
  const names = ['Nguyễn Thị Ánh', 'Trần Thị Bông', 'Lê Thị Cúc'];
  for (const [i, name] of names.entries()) {
    await createMember.getByLabel('Tổ/nhóm').selectOption({ label: `${groupA} · Tổ TK&VV thử A` });
    await createMember.getByLabel('Họ và tên').fill(`${name} ${stamp}`);
    await createMember.getByLabel('Số CCCD').fill(cccd(base + i));
    await createMember.getByLabel('Năm sinh').fill('1980');
    await createMember.getByLabel('Loại hộ').selectOption('POOR');
    await createMember.getByRole('button', { name: 'Thêm thành viên' }).click();
    await expect(createMember.getByRole('status')).toHaveText(`Đã thêm thành viên ${name} ${stamp}.`);
  }

  // Accent-insensitive search finds her; then transfer her to group B.
  await page.goto(`/members?q=${encodeURIComponent(`tran thi bong ${stamp}`)}`);
  await page.getByRole('link', { name: `Trần Thị Bông ${stamp}` }).click();
  const transfer = page.locator('section', { has: page.getByRole('heading', { name: 'Chuyển tổ' }) });
  await transfer.getByLabel('Tổ/nhóm').selectOption({ label: `${groupB} · Tổ TK&VV thử B` });
  await transfer.getByRole('button', { name: 'Chuyển tổ' }).click();
  await expect(transfer.getByRole('status')).toHaveText(`Đã chuyển sang tổ ${groupB}.`);
  await expect(page.getByTestId('group-history')).toContainText('Chuyển tổ');
  await page.screenshot({ path: `${SCREENSHOTS}/member-detail.png`, fullPage: true });

  // 200 rows, two of them wrong: nothing is saved and both problems are listed. Each brings her signed
  // consent form (every other one also to sharing her data with the bank).
  const rows = Array.from({ length: 200 }, (_, i) =>
    [
      'NB-YK', i < 40 ? groupB : '', '', `Phạm Thị Nhập ${stamp} ${i}`, 'Nữ', '1980', cccd(base + 10 + i), '', 'Xóm 1', 'Hộ cận nghèo', 'Có', '', '01/02/2025', 'Đang tham gia', '',
      '01/02/2025', i % 2 ? '01/02/2025' : '', `PĐY-${stamp}-${i}`,
    ].join(','),
  );
  const bad = [...rows];
  bad[9] = bad[9]!.replace(cccd(base + 19), '03618');
  bad[120] = bad[120]!.replace('Hộ cận nghèo', 'Hộ khá giả');
  const file = (lines: string[]) => ({ name: 'thanh-vien.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${HEADER}\r\n${lines.join('\r\n')}\r\n`) });

  await page.goto('/imports');
  await page.getByLabel('Danh sách').selectOption('members');
  await page.getByLabel('Tệp Excel hoặc CSV').setInputFiles(file(bad));
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  const errors = page.getByTestId('import-errors');
  await expect(errors.getByRole('alert')).toContainText('Tệp có 2 lỗi trong 200 dòng; chưa lưu dòng nào');
  await expect(errors.getByRole('row')).toHaveCount(3);
  await expect(errors.getByRole('row').nth(1)).toContainText('11');
  await expect(errors.getByRole('row').nth(1)).toContainText('Số CCCD');
  await expect(errors.getByRole('row').nth(2)).toContainText('122');
  await expect(errors.getByRole('row').nth(2)).toContainText('Loại hộ');
  await page.screenshot({ path: `${SCREENSHOTS}/import-errors.png`, fullPage: true });
  const nothing = await page.request.get(`/api/v1/exports/members?format=csv`);
  expect(await nothing.text()).not.toContain(`Phạm Thị Nhập ${stamp}`);

  await page.getByLabel('Tệp Excel hoặc CSV').setInputFiles(file(rows));
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  await expect(page.getByTestId('import-result')).toHaveText('Đã nhập 200 dòng: thêm mới 200, cập nhật 0, không đổi 0.');
  const consented = await page.request.get(`/api/v1/members?q=${encodeURIComponent(`pham thi nhap ${stamp} 1`)}`);
  const listed = ((await consented.json()) as { members: { fullName: string; consent: Record<string, string | null> }[] }).members;
  expect(listed.find((m) => m.fullName === `Phạm Thị Nhập ${stamp} 1`)?.consent).toEqual({ LENDING_SAVINGS: 'GIVEN', BANK_SHARING: 'GIVEN' });

  // Export, compare with what was imported, and re-import the export: nothing changes.
  const exported = await page.request.get('/api/v1/exports/members?format=csv');
  expect(exported.headers()['content-type']).toContain('text/csv');
  const csv = (await exported.text()).replace(/^\uFEFF/, '');
  const lines = csv.trim().split(/\r?\n/);
  expect(lines[0]).toBe(HEADER);
  for (const line of rows) expect(lines).toContain(line);
  for (const name of names) expect(csv).toContain(`${name} ${stamp}`);
  await page.getByLabel('Tệp Excel hoặc CSV').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
  await expect(page.getByTestId('import-result')).toContainText('thêm mới 0, cập nhật 0');

  // The same register exported in the background (decision 028): progress, then the same rows as a file.
  const members = page.getByTestId('export-members');
  await members.getByRole('button', { name: 'Xuất nền (tệp lớn)' }).click();
  const ready = members.getByRole('link', { name: /^Tải tệp đã xuất/ });
  const [download] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  expect(download.suggestedFilename()).toMatch(/^members-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  expect(workbook.worksheets[0]!.actualRowCount).toBe(lines.length);
});

test('a district leader reads registers but has no forms to change them', async ({ page }) => {
  await signIn(page, 'huyen.yy');
  await page.goto('/groups');
  await expect(page.getByRole('heading', { name: 'Thêm tổ' })).toHaveCount(0);
  await page.goto('/members');
  await expect(page.getByRole('heading', { name: 'Thêm thành viên' })).toHaveCount(0);
  expect((await page.goto('/imports'))?.status()).toBe(404);
});
