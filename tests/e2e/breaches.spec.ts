import { expect, test } from '@playwright/test';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { SCREENSHOTS, signIn } from './helpers';

// Issue 24 §5: the administrator records a breach the moment it is found, reads the authority's
// deadline (72 hours on) with the hours left, then records the day the authority was told.

test('an administrator records a personal data breach, sees the 72-hour deadline, and records the notice', async ({ page }) => {
  const today = formatDateOnly(todayInVietnam());
  const title = `Gửi nhầm danh sách thành viên ${Date.now() % 100_000}`;
  await signIn(page, 'admin');
  await page.goto('/breaches');
  await page.getByLabel('Tóm tắt sự cố').fill(title);
  await page.getByLabel('Diễn biến, nguyên nhân (nếu đã biết)').fill('Tệp danh sách 40 thành viên gửi nhầm vào nhóm Zalo khác; đã yêu cầu xóa.');
  await page.getByLabel('Ngày phát hiện').fill(today);
  await page.getByLabel('Giờ phát hiện (HH:mm)').fill('00:00');
  await page.getByLabel('Số người bị ảnh hưởng').fill('40');
  await page.getByLabel('Họ tên, giới tính, năm sinh').check();
  await page.getByLabel('Số CCCD').check();
  await page.getByRole('button', { name: 'Ghi sự cố' }).click();
  await expect(page.getByText(/Đã ghi sự cố\. Hạn thông báo cho cơ quan chuyên trách/)).toBeVisible();

  const entry = page.getByTestId('breaches').getByRole('listitem').filter({ hasText: title });
  await expect(entry.getByTestId('breach-authority')).toContainText(/Chưa báo — hạn .* \(còn \d+ giờ\)/);
  await page.screenshot({ path: `${SCREENSHOTS}/breaches-recorded.png`, fullPage: true });

  const notice = entry.locator('form').filter({ has: page.getByRole('button', { name: 'Ghi đã báo cơ quan chuyên trách' }) });
  await notice.getByLabel('Ngày thông báo').fill(today);
  await notice.getByRole('button', { name: 'Ghi đã báo cơ quan chuyên trách' }).click();
  await expect(entry.getByTestId('breach-authority')).toContainText(`Đã báo đúng hạn (${today})`);
});
