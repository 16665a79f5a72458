import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { apiToken, demoMeetingsToday, monthLabel, SCREENSHOTS, signIn } from './helpers';
import { readPdf } from './pdf-text';

// The meeting of the demo group TK-03 (30 members with loans and savings; see prisma/seed-history.ts).
const vnd = (n: bigint) => `${n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u00a0₫`;
const digits = (text: string) => BigInt(text.replace(/\D/g, '') || '0');

interface SheetJson {
  rows: {
    member: { id: string; fullName: string };
    loans: { loanId: string; number: string; due: string }[];
    savings: { accountId: string; scheme: string; expected: string; balance: string }[];
  }[];
}

test('a commune officer opens a 30-member group\'s sheet, changes three amounts, saves, prints, and sees the loans and savings updated', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await apiToken(request, 'xa.yk')}` };
  // The older of TK-03's two open meetings (the latest is filled by the offline-sheet spec).
  const month = demoMeetingsToday('TK-03').openMonths[0];

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
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => { (window as unknown as { printed: number }).printed += 1; };
  });
  await page.getByRole('button', { name: 'In bảng kê' }).click();
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Tổ trưởng(Ký, ghi rõ họ tên)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu bảng kê' })).toHaveCount(0);
  await expect(page.getByRole('navigation')).toBeHidden();
  await page.screenshot({ path: `${SCREENSHOTS}/collection-sheet-30-print.png`, fullPage: true });
  // The page's own print style chooses the paper (preferCSSPageSize), as the browser's dialog would.
  const pages = await readPdf(await page.pdf({ preferCSSPageSize: true, path: `${SCREENSHOTS}/collection-sheet-30.pdf` }));
  await page.emulateMedia({ media: 'screen' });
  // Every page is A4 landscape (297 × 210 mm = 841,9 × 595,3 pt) and nothing is cut off at its sides.
  expect(pages.map((p) => [Math.abs(p.width - 841.9) < 2, Math.abs(p.height - 595.3) < 2])).toEqual(pages.map(() => [true, true]));
  expect(pages.flatMap((p) => p.overflowing)).toEqual([]);
  const lines = pages.flatMap((p) => p.lines);
  // Form 13/TD on paper: the bank's title, the month and the meeting day, the group.
  expect(lines).toContain('BẢNG KÊ THU LÃI, THU NỢ GỐC VÀ TIỀN GỬI TIẾT KIỆM (Mẫu 13/TD)');
  expect(lines.some((l) => l.startsWith(`Tháng ${monthLabel(month)} · Ngày họp tổ:`))).toBe(true);
  expect(lines.some((l) => l.includes('Tổ tiết kiệm và vay vốn: TK-03'))).toBe(true);
  // Each of the 30 members on her own numbered line with her loan's number; what was collected
  // (interest + principal, then savings) stands after what was due.
  const numbers = (text: string) => (text.match(/\d{1,3}(?:\.\d{3})*/g) ?? []).map((n) => BigInt(n.replace(/\./g, '')));
  const sum = (values: bigint[]) => values.reduce((s, v) => s + v, 0n);
  const printedRows = prefilled.rows.map((r, i) => {
    const loanPaid = sum(r.loans.map((l) => BigInt(l.due))) - (r === b ? 50_000n : 0n);
    const savingsChange = r === a ? 500_000n - BigInt(tktv(a).expected) : r === c ? -BigInt(tktv(c).expected) : 0n;
    const savingsPaid = sum(r.savings.map((s) => BigInt(s.expected))) + savingsChange;
    const loan = r.loans[0]!;
    const start = `${i + 1} ${r.member.fullName} ${loan.number} `;
    const line = lines.find((l) => l.startsWith(start));
    // outstanding, interest due, principal due, savings due, interest paid, principal paid, savings paid
    const [, interestDue, principalDue, , interestPaid, principalPaid, savingsPrinted] = numbers(line?.slice(start.length) ?? '');
    const ok = r.loans.length === 1 && interestDue! + principalDue! === BigInt(loan.due)
      && interestPaid! + principalPaid! === loanPaid && savingsPrinted === savingsPaid;
    return ok ? 'ok' : `${i + 1} ${r.member.fullName}: ${line ?? 'missing'}`;
  });
  expect(printedRows).toEqual(prefilled.rows.map(() => 'ok'));
  const totalsLine = lines.find((l) => l.startsWith('Tổng cộng '))!;
  const [, , , , interestTotal, principalTotal, savingsTotal] = numbers(totalsLine);
  expect([interestTotal! + principalTotal!, savingsTotal]).toEqual([dueLoans - 50_000n, dueSavings + 300_000n - BigInt(tktv(c).expected)]);
  // Room to sign for the group leader, the union officer and the bank's officer; no buttons or menus on paper.
  expect(lines).toContain('Tổ trưởng Cán bộ Hội xã Cán bộ NHCSXH nhận tiền');
  expect(lines).toContain('(Ký, ghi rõ họ tên) (Ký, ghi rõ họ tên) (Ký, ghi rõ họ tên)');
  expect(lines.filter((l) => /Lưu bảng kê|In bảng kê|XLSX|Đăng xuất/.test(l))).toEqual([]);

  // Form 13/TD as XLSX: amounts are numbers Excel sums, the totals row is the sum of the lines, and what
  // was collected stands beside what was due.
  const xlsx = await page.request.get(await page.getByRole('link', { name: 'XLSX' }).getAttribute('href') as string);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await xlsx.body()) as unknown as ArrayBuffer);
  const form = book.worksheets[0]!;
  expect(form.pageSetup.orientation).toBe('landscape');
  expect(String(form.getCell('A2').value)).toContain('13/TD');
  const titles = (form.getRow(8).values as unknown[]).slice(1).map(String);
  const col = (header: string) => titles.indexOf(header) + 1;
  const body: ExcelJS.Row[] = [];
  let totals: ExcelJS.Row | null = null;
  for (let r = 9; r <= form.rowCount && !totals; r++) {
    if (form.getRow(r).getCell(2).value === 'Tổng cộng') totals = form.getRow(r);
    else body.push(form.getRow(r));
  }
  for (const header of ['Lãi phải thu', 'Gốc phải thu', 'Lãi thực thu', 'Gốc thực thu', 'Tiết kiệm thực gửi']) {
    const values = body.map((row) => row.getCell(col(header)).value).filter((v) => v !== null);
    expect(values.every((v) => typeof v === 'number'), header).toBe(true);
    expect(totals!.getCell(col(header)).value, header).toBe((values as number[]).reduce((x, y) => x + y, 0));
  }
  expect(Number(totals!.getCell(col('Lãi thực thu')).value) + Number(totals!.getCell(col('Gốc thực thu')).value)).toBe(Number(dueLoans - 50_000n));
  expect(Number(totals!.getCell(col('Lãi phải thu')).value) + Number(totals!.getCell(col('Gốc phải thu')).value)).toBe(Number(dueLoans));

  // The loans and savings follow: B's loan shows the repayment, A's savings grew by 500.000 ₫, C's did not move.
  await page.goto(`/loans/${b.loans[0]!.loanId}`);
  await expect(page.getByTestId('loan-transactions')).toContainText(vnd(BigInt(b.loans[0]!.due) - 50_000n).replace('\u00a0₫', ''));
  for (const [row, added] of [[a, 500_000n], [c, 0n]] as const) {
    await page.goto(`/members/${row.member.id}`);
    const account = page.getByTestId('savings-accounts').getByRole('listitem').filter({ hasText: 'Tiết kiệm thành viên tổ' });
    expect(digits((await account.locator('p').first().textContent())!.split('Số dư:')[1]!.split('₫')[0]!)).toBe(BigInt(tktv(row).balance) + added);
  }
});
