import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, test } from '@playwright/test';
import { demoMeetingsToday, monthLabel, SCREENSHOTS, signIn } from './helpers';

const digits = (text: string | null) => BigInt((text ?? '').replace(/\D/g, '') || '0');

test('a district leader reads the summary, drills from the district to a commune to a group', async ({ page }) => {
  await signIn(page, 'huyen.yy');
  await page.goto('/reports');
  const outstanding = digits(await page.getByTestId('figure-outstanding').locator('p').nth(1).textContent());
  expect(outstanding).toBeGreaterThan(0n);
  const byChild = page.getByTestId('by-child');
  // The district's communes, their outstanding adding up to the district's.
  expect(digits(await byChild.locator('tfoot td').nth(2).textContent())).toBe(outstanding);
  await page.screenshot({ path: `${SCREENSHOTS}/reports-district.png`, fullPage: true });
  await byChild.getByRole('link', { name: 'Hội LHPN xã Yên Khang' }).click();
  await expect(page.getByRole('heading', { name: /Hội LHPN xã Yên Khang/ })).toBeVisible();
  await page.getByTestId('by-child').getByRole('link', { name: 'Tổ TK&VV xóm 3' }).click();
  await expect(page).toHaveURL(/\/groups\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: /TK-03/ })).toBeVisible();
});

test('a bank liaison downloads the summary as Excel and CSV; both say what the page says', async ({ page }) => {
  await signIn(page, 'nhcs.yy');
  await page.goto('/reports');
  const disbursed = digits(await page.getByTestId('figure-disbursed').locator('p').nth(1).textContent());
  const outstanding = digits(await page.getByTestId('figure-outstanding').locator('p').nth(1).textContent());

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel' }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await xlsx.path());
  const rows = workbook.worksheets[0]!.getSheetValues().slice(2).map((r) => (r as string[]).slice(1).map(String));
  const value = (section: string, item: string) => BigInt(rows.find((r) => r[0] === section && r[1] === item)![2]!);
  expect(value('Giải ngân', 'Số tiền')).toBe(disbursed);
  expect(value('Dư nợ cuối kỳ', 'Số tiền')).toBe(outstanding);

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV', exact: true }).click()]);
  const text = (await readFile(await csv.path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(text.split('\r\n')[0]).toBe('Mục,Chỉ tiêu,Giá trị');
  expect(text).toContain(`Dư nợ cuối kỳ,Số tiền,${outstanding}`);
  // With ";" for Excel in Vietnamese regional settings.
  const [semicolon] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải CSV (dấu ;)' }).click()]);
  const columns = (await readFile(await semicolon.path(), 'utf8')).replace(/^\uFEFF/, '');
  expect(columns.split('\r\n')[0]).toBe('Mục;Chỉ tiêu;Giá trị');
  expect(columns).toContain(`Dư nợ cuối kỳ;Số tiền;${outstanding}`);

  // The bank's overdue list: the workbook has the page's rows, a totals row, and is set up for print.
  await page.getByRole('link', { name: 'Báo cáo cho NHCSXH' }).click();
  await page.locator('select[name=kind]').selectOption('overdue');
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL(/kind=overdue/);
  const table = page.getByTestId('bank-report');
  await expect(table.getByRole('columnheader', { name: 'Số khoản vay' })).toBeVisible();
  const loans = await table.locator('tbody tr').count();
  expect(loans).toBeGreaterThan(0);
  // The bank's business only: the revolving fund's loans (group QQV-01, programme QQV) are not the bank's.
  await expect(table).not.toContainText('QQV');
  await page.screenshot({ path: `${SCREENSHOTS}/bank-overdue.png`, fullPage: true });
  const [overdue] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel' }).click()]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await overdue.path());
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(3).getCell(1).value).toBe('Số khoản vay');
  expect(sheet.getRow(sheet.actualRowCount).getCell(1).value).toBe(`Tổng cộng (${loans} món)`);
  expect(sheet.pageSetup.orientation).toBe('landscape');

  await page.locator('select[name=kind]').selectOption('outstanding');
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.waitForURL(/kind=outstanding/);
  await expect(page.getByTestId('bank-report').getByRole('columnheader', { name: 'Dư nợ HN' })).toBeVisible();
  await expect(page.getByTestId('bank-report').getByRole('columnheader', { name: 'Dư nợ QQV' })).toHaveCount(0);
  await page.goBack();
  await page.waitForURL(/kind=overdue/);

  // The same list exported in the background: progress, then a link to the file.
  await page.getByRole('button', { name: 'Xuất nền (tệp lớn)' }).click();
  const ready = page.getByTestId('export-job').getByRole('link', { name: `Tải tệp đã xuất (${loans} dòng)` });
  const [background] = await Promise.all([page.waitForEvent('download'), ready.click()]);
  const again = new ExcelJS.Workbook();
  await again.xlsx.readFile(await background.path());
  expect(again.worksheets[0]!.getRow(again.worksheets[0]!.actualRowCount).getCell(1).value).toBe(`Tổng cộng (${loans} món)`);
});

test('the province dashboard: KPIs and charts with tables; a bar drills to the commune, then to a group', async ({ page }) => {
  await signIn(page, 'tinh');
  await page.goto('/');
  await expect(page.getByTestId('kpi-outstanding')).toContainText('₫');
  const units = page.getByTestId('chart-units');
  await units.scrollIntoViewIfNeeded(); // charts are drawn when they come into view
  await expect(units.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await units.getByText('Xem dạng bảng').click();
  await expect(units.getByRole('row', { name: /Yên Khang/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-province.png`, fullPage: true });
  // The first bar is the commune with the most outstanding: Yên Khang in the demo.
  await units.locator('.recharts-bar-rectangle').first().click();
  await expect(page).toHaveURL(/\/reports\?orgUnitId=/);
  await expect(page.getByRole('heading', { name: /Hội LHPN xã Yên Khang/ })).toBeVisible();
  await page.getByTestId('by-child').getByRole('link', { name: 'Tổ TK&VV xóm 3' }).click();
  await expect(page.getByRole('heading', { name: /TK-03/ })).toBeVisible();
});

test('a commune officer sees today\'s work: the older open sheet of the fund group QQV-01 is still to enter', async ({ page }) => {
  await signIn(page, 'xa.yk');
  await page.goto('/');
  const work = page.getByTestId('commune-work');
  const month = monthLabel(demoMeetingsToday('QQV-01').openMonths[0]);
  // (Other tests save TK-03's sheets and QQV-01's latest; the demo leaves QQV-01's meeting before it open.)
  await expect(work.getByRole('link', { name: `Tổ QQV-01 – tháng ${month}` })).toBeVisible();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.screenshot({ path: `${SCREENSHOTS}/dashboard-commune-360.png`, fullPage: true });
});

test('the year-end report reads like the seeds, can be edited, and downloads as Word with the edit', async ({ page }) => {
  await signIn(page, 'tinh');
  await page.goto('/reports/year');
  const text = page.getByLabel('Nội dung (sửa được)');
  await expect(text).toHaveValue(/đã phối hợp giải ngân [\d.]+ triệu đồng cho [\d.]+ người vay/);
  // Yên Khang lends; other specs may have added communes with loans to the shared demo province.
  await expect(text).toHaveValue(/Hội LHPN xã Yên Khang là xã\/phường duy nhất có dư nợ|Xã\/phường có dư nợ cao nhất là .+, thấp nhất là/);
  await text.press('Control+End');
  await text.pressSequentially('\nBan Thường vụ Hội LHPN tỉnh thống nhất đề nghị khen thưởng.');
  await page.screenshot({ path: `${SCREENSHOTS}/year-report.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải Word (.docx)' }).click()]);
  const zip = await JSZip.loadAsync(await readFile(await download.path()));
  const xml = await zip.file('word/document.xml')!.async('string');
  expect(xml).toContain('Báo cáo tổng kết năm');
  expect(xml).toContain('đề nghị khen thưởng');
});
