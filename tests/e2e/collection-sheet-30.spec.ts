import { expect, test } from '@playwright/test';
import { apiToken, SCREENSHOTS, signIn } from './helpers';

// The meeting of the demo group TK-03 (30 members with loans and savings; see prisma/seed-history.ts).
const vnd = (n: bigint) => `${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;
const digits = (text: string) => BigInt(text.replace(/\D/g, '') || '0');

interface SheetJson {
  rows: { member: { id: string; fullName: string }; loans: { loanId: string; number: string; due: string }[]; savings: { accountId: string; scheme: string; expected: string; balance: string }[] }[];
}

test('a commune officer opens a 30-member group\'s sheet, changes three amounts, saves, prints, and sees the loans and savings updated', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  const vietnamNow = new Date(Date.now() + 7 * 3600_000);
  const month = new Date(Date.UTC(vietnamNow.getUTCFullYear(), vietnamNow.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);

  await signIn(page, 'xa.yk');
  await page.goto('/groups?q=TK-03');
  await page.getByRole('link', { name: 'TK-03' }).click();
  await page.waitForURL(/\/groups\/[0-9a-f-]{36}$/);
  const groupId = page.url().split('/').pop()!;
  const prefilled = (await (await request.get(`/api/v1/groups/${groupId}/collection-sheet?month=${month}`, { headers })).json()) as SheetJson;
  expect(prefilled.rows).toHaveLength(30);
  const tktv = (r: SheetJson['rows'][number]) => r.savings.find((s) => s.scheme === 'Tiết kiệm thành viên tổ')!;
  const [a, b, c] = [prefilled.rows[0]!, prefilled.rows[1]!, prefilled.rows[2]!];

  await page.goto(`/groups/${groupId}/sheet?month=${month}`);
  await expect(page.getByTestId('sheet').getByRole('row')).toHaveCount(31);
  // Three changes: A saves the monthly maximum, B pays 50.000 ₫ less than due, C was absent and saved nothing.
  const savingOf = (name: string) => page.getByLabel(`Thực thu tiết kiệm: ${name} Tiết kiệm thành viên tổ`);
  await expect(savingOf(a.member.fullName)).toHaveValue('200.000');
  await savingOf(a.member.fullName).fill('500.000');
  const loanB = page.getByLabel(`Thực thu nợ: ${b.member.fullName} ${b.loans[0]!.number}`);
  await loanB.fill(vnd(BigInt(b.loans[0]!.due) - 50_000n).replace('\u00a0₫', ''));
  await page.getByLabel(`Có mặt: ${c.member.fullName}`).uncheck();
  await savingOf(c.member.fullName).fill('0');
  await page.screenshot({ path: `${SCREENSHOTS}/collection-sheet-30-filled.png`, fullPage: true });
  await page.getByRole('button', { name: 'Lưu bảng kê' }).click();

  const dueLoans = prefilled.rows.reduce((s, r) => s + r.loans.reduce((t, l) => t + BigInt(l.due), 0n), 0n);
  const dueSavings = prefilled.rows.reduce((s, r) => s + r.savings.reduce((t, x) => t + BigInt(x.expected), 0n), 0n);
  await expect(page.getByTestId('total-loans')).toHaveText(vnd(dueLoans - 50_000n));
  await expect(page.getByTestId('total-savings')).toHaveText(vnd(dueSavings + 300_000n - BigInt(tktv(c).expected)));

  // Print: the browser's print dialog opens; the A4 landscape print shows the totals and signature lines.
  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed += 1; }; });
  await page.getByRole('button', { name: 'In bảng kê' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Tổ trưởng(Ký, ghi rõ họ tên)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu bảng kê' })).toHaveCount(0);
  await expect(page.getByRole('navigation')).toBeHidden();
  await page.screenshot({ path: `${SCREENSHOTS}/collection-sheet-30-print.png`, fullPage: true });
  const pdf = await page.pdf({ format: 'A4', landscape: true, path: `${SCREENSHOTS}/collection-sheet-30.pdf` });
  expect(pdf.byteLength).toBeGreaterThan(10_000);
  await page.emulateMedia({ media: 'screen' });

  // The loans and savings follow: B's loan shows the repayment, A's savings grew by 500.000 ₫, C's did not move.
  await page.goto(`/loans/${b.loans[0]!.loanId}`);
  await expect(page.getByTestId('loan-transactions')).toContainText(vnd(BigInt(b.loans[0]!.due) - 50_000n).replace('\u00a0₫', ''));
  for (const [row, added] of [[a, 500_000n], [c, 0n]] as const) {
    await page.goto(`/members/${row.member.id}`);
    const account = page.getByTestId('savings-accounts').getByRole('listitem').filter({ hasText: 'Tiết kiệm thành viên tổ' });
    expect(digits((await account.locator('p').first().textContent())!.split('Số dư:')[1]!.split('₫')[0]!)).toBe(BigInt(tktv(row).balance) + added);
  }
});
