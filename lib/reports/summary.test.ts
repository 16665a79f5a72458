import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db, type Loan, type Programme } from '@/lib/db';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { getLoan, postRepayment } from '@/lib/loans';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { exportSummary, recordBankPortfolio, summaryReport, summaryRows } from './index';
import { monthlyTrend } from './trend';
import { overdueAsOf } from './overdue';
import { refreshStaleLoans } from '@/lib/loans/loan-terms';
import { todayInVietnam } from '@/lib/calendar/date-only';
import JSZip from 'jszip';
import { buildDocx } from './docx';
import { inBillions, inMillions, yearNarrative } from './narrative';
import { collectionsByGroup, disbursementList, outstandingMatrix, overdueLoans, savingsByGroup } from './bank';
import { reportXlsx, type TabularReport } from './tabular';

useTestDatabase();

const FROM = '2026-07-01';
const TO = '2026-09-30';
const at = (date: string) => new Date(`${date}T00:00:00Z`);

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let programmes: Record<string, Programme>;
let province: Actor;
let loans: Loan[];

beforeAll(async () => {
  tree = await createOrgTree();
  programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  const officers = await Promise.all(tree.communes.map((c) => actorFor('COMMUNE_OFFICER', c)));
  const leaders = await Promise.all(tree.districts.map((d) => actorFor('DISTRICT_LEADER', d)));
  const groups = [await makeGroup(tree.communes[0]!), await makeGroup(tree.communes[1]!), await makeGroup(tree.communes[2]!, 'REVOLVING')];
  const [a, d, e] = await addMembers(tree.communes[0]!, groups[0]!.id, 3);
  const [b] = await addMembers(tree.communes[1]!, groups[1]!.id, 1);
  const [c] = await addMembers(tree.communes[2]!, groups[2]!.id, 1);
  // A: before the period, repaid before and during it. B, C: lent in the period (C from the
  // revolving fund, in the other district). D: never paid, overdue. E: lent after the period.
  const loanA = await disbursedLoanOn(officers[0]!, leaders[0]!, a!, programmes.HN!, '10.000.000', '2026-05-10');
  const loanB = await disbursedLoanOn(officers[1]!, leaders[0]!, b!, programmes.HCN!, '20.000.000', '2026-08-15');
  const loanC = await disbursedLoanOn(officers[2]!, leaders[1]!, c!, programmes.QQV!, '8.000.000', '2026-07-20');
  const loanD = await disbursedLoanOn(officers[0]!, leaders[0]!, d!, programmes.HN!, '5.000.000', '2026-03-01');
  const loanE = await disbursedLoanOn(officers[0]!, leaders[0]!, e!, programmes.HN!, '6.000.000', '2026-10-05');
  await postRepayment(officers[0]!, loanA.id, { date: '2026-06-10', amount: '1.000.000' });
  await postRepayment(officers[0]!, loanA.id, { date: '2026-08-10', amount: '1.900.000' });
  await postRepayment(officers[1]!, loanB.id, { date: '2026-09-15', amount: '2.000.000' });
  await postRepayment(officers[2]!, loanC.id, { date: '2026-08-20', amount: '700.000' });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const account = await openSavingsAccount(officers[0]!, { memberId: a!.id, schemeId: scheme.id, openedAt: '2026-05-10' });
  await postSavingsMovement(officers[0]!, account.id, 'DEPOSIT', { date: '2026-07-05', amount: '300.000' });
  await postSavingsMovement(officers[0]!, account.id, 'DEPOSIT', { date: '2026-10-05', amount: '300.000' });
  await db.orgUnit.update({ where: { id: tree.chapters[0]!.id }, data: { unionMemberCount: 4 } });
  loans = [loanA, loanB, loanC, loanD, loanE];
});

/** What the ledger and the loan engine say, loan by loan, without the report's queries. */
async function ledgerTruth(ids: string[], from: string, to: string) {
  const rows = await db.loanTransaction.findMany({ where: { loanId: { in: ids }, reversedAt: null, date: { gte: at(from), lte: at(to) } } });
  const states = await Promise.all(ids.map(async (id) => (await getLoan(province, id, at(to))).state));
  const live = states.filter((s): s is NonNullable<typeof s> => s !== null);
  return {
    disbursed: rows.filter((r) => r.kind === 'DISBURSEMENT').reduce((s, r) => s + r.amount, 0n),
    principal: rows.filter((r) => r.kind === 'REPAYMENT').reduce((s, r) => s + r.principal, 0n),
    interest: rows.filter((r) => r.kind === 'REPAYMENT').reduce((s, r) => s + r.interest + r.overdueInterest, 0n),
    outstanding: live.reduce((s, st) => s + st.outstandingPrincipal, 0n),
    overdue: live.reduce((s, st) => s + st.overduePrincipal, 0n),
  };
}

describe('summary report', () => {
  it('equals the ledger and the loan engine, and its totals equal the sums of its rows', async () => {
    const report = await summaryReport(province, { from: FROM, to: TO });
    const inPeriod = loans.slice(0, 4).map((l) => l.id);
    const truth = await ledgerTruth(inPeriod, FROM, TO);
    expect(report.disbursed).toEqual({ amount: 28_000_000n, borrowers: 2, loans: 2 });
    expect(truth.disbursed).toBe(28_000_000n);
    expect(report.principalRepaid.amount).toBe(truth.principal);
    expect(report.interestCollected.amount).toBe(truth.interest);
    expect(report.outstanding.end.amount).toBe(truth.outstanding);
    expect(report.outstanding.end.borrowers).toBe(4);
    const before = await ledgerTruth([loans[0]!.id, loans[3]!.id], '2000-01-01', '2026-06-30');
    expect(report.outstanding.start).toEqual({ amount: before.outstanding, borrowers: 2 });
    expect(report.outstanding.growth).toBe(report.outstanding.end.amount - report.outstanding.start.amount);
    // D has paid nothing since March: overdue, and in the 181–360 day bucket by the end of September.
    expect(report.overdue.amount).toBe(truth.overdue);
    expect(report.overdue.amount).toBeGreaterThan(0n);
    expect(report.overdue.buckets.reduce((s, b) => s + b.amount, 0n)).toBe(report.overdue.amount);
    expect(report.overdue.buckets.find((b) => b.fromDays === 181)!.loans).toBeGreaterThanOrEqual(1);

    const sum = (rows: { disbursed: bigint; outstanding: bigint }[]) => ({ disbursed: rows.reduce((s, r) => s + r.disbursed, 0n), outstanding: rows.reduce((s, r) => s + r.outstanding, 0n) });
    const totals = { disbursed: report.disbursed.amount, outstanding: report.outstanding.end.amount };
    expect(report.byChild.map((c) => c.orgUnit.id).sort()).toEqual(tree.districts.map((d) => d.id).sort());
    expect(sum(report.byChild)).toEqual(totals);
    expect(sum(report.byProgramme)).toEqual(totals);
    expect(report.byProgramme.map((p) => p.code)).toEqual(['HCN', 'HN', 'QQV']);
    const byCommune = await summaryReport(province, { from: FROM, to: TO, by: 'commune' });
    expect(byCommune.byChild).toHaveLength(tree.communes.length);
    expect(sum(byCommune.byChild)).toEqual(totals);
    // Ranked by outstanding: the first commune holds the most.
    expect(byCommune.byChild[0]!.outstanding).toBeGreaterThanOrEqual(byCommune.byChild[1]!.outstanding);

    expect(report.savings).toMatchObject({ balance: 300_000n, accounts: 1, participants: 1, unionMembers: 4, participationRatio: 0.25 });
    expect(report.groups).toEqual({ active: 3, toConsolidate: 3 });
    expect(report.communes).toEqual({ active: 3, settled: 0 });
  });

  it('filters by programme and fund source, and keeps to the reader\'s subtree', async () => {
    const revolving = await summaryReport(province, { from: FROM, to: TO, fundSource: 'REVOLVING' });
    expect(revolving.disbursed.amount).toBe(8_000_000n);
    expect(revolving.byProgramme.map((p) => p.code)).toEqual(['QQV']);
    const hn = await summaryReport(province, { from: FROM, to: TO, programme: 'hn' });
    expect(hn.disbursed.amount).toBe(0n);
    expect(hn.byProgramme.map((p) => p.code)).toEqual(['HN']);
    expect((await failure(summaryReport(province, { from: FROM, to: TO, programme: 'XYZ' }))).fields).toEqual(['programme']);
    expect((await failure(summaryReport(province, { from: TO, to: FROM }))).fields).toEqual(['to']);

    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const district = await summaryReport(leader, { from: FROM, to: TO });
    expect(district.disbursed.amount).toBe(20_000_000n);
    expect(district.byChild.map((c) => c.orgUnit.id).sort()).toEqual([tree.communes[0]!.id, tree.communes[1]!.id].sort());
    expect((await failure(summaryReport(leader, { from: FROM, to: TO, orgUnitId: tree.districts[1]!.id }))).code).toBe('NOT_FOUND');
    // A commune's rows are its groups.
    // The union's share of the bank's portfolio, from the bank's figure entered for the area.
    expect(district.bankShare).toBeNull();
    expect((await failure(recordBankPortfolio(await actorFor('COMMUNE_OFFICER', tree.communes[0]!), { month: '2026-09', amount: '1' }))).code).toBe('FORBIDDEN');
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    await recordBankPortfolio(liaison, { month: '2026-08', amount: '99.000.000' });
    await recordBankPortfolio(liaison, { month: '2026-09', amount: '40.000.000', source: 'Báo cáo NHCSXH huyện tháng 9' });
    const shared = await summaryReport(leader, { from: FROM, to: TO });
    const vbsp = shared.byProgramme.filter((p) => p.code !== 'QQV').reduce((s, p) => s + p.outstanding, 0n);
    expect(shared.bankShare).toEqual({ month: '2026-09', bankOutstanding: 40_000_000n, unionOutstanding: vbsp, ratio: Number(((vbsp * 20_000n + 40_000_000n) / 80_000_000n)) / 10_000 });
    expect((await summaryReport(leader, { from: FROM, to: '2026-08-31' })).bankShare?.bankOutstanding).toBe(99_000_000n);
    const commune = await summaryReport(await actorFor('COMMUNE_OFFICER', tree.communes[0]!), { from: FROM, to: TO });
    expect(commune.byChild).toHaveLength(1);
    expect(commune.byChild[0]!.outstanding).toBe(commune.outstanding.end.amount);
  });

  it('says the same in JSON, CSV and XLSX', async () => {
    const report = await summaryReport(province, { from: FROM, to: TO });
    const rows = summaryRows(report);
    const csv = new TextDecoder().decode(await streamToBuffer((await exportSummary(province, { from: FROM, to: TO }, 'csv')).stream)).replace(/^\uFEFF/, '');
    const csvRows = csv.trim().split('\r\n').slice(1).map((line) => line.split(',').at(-1)!.replace(/^"|"$/g, ''));
    expect(csvRows).toEqual(rows.map((r) => r.value));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await streamToBuffer((await exportSummary(province, { from: FROM, to: TO }, 'xlsx')).stream)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const xlsxValues = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(3).value ?? ''));
    expect(xlsxValues).toEqual(rows.map((r) => r.value));
    const value = (section: string, item: string) => rows.find((r) => r.section === section && r.item === item)!.value;
    expect(value('Giải ngân', 'Số tiền')).toBe(String(report.disbursed.amount));
    expect(value('Dư nợ cuối kỳ', 'Số tiền')).toBe(String(report.outstanding.end.amount));
  });

  it('month by month, ends where the summary ends and lends what it lends', async () => {
    const report = await summaryReport(province, { from: FROM, to: TO });
    const trend = await monthlyTrend(db, { path: tree.province.path }, '2026-02', '2026-09');
    expect(trend.map((p) => p.month)).toEqual(['2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09']);
    expect(trend.at(-1)!.outstanding).toBe(report.outstanding.end.amount);
    expect(trend.find((p) => p.month === '2026-06')!.outstanding).toBe(report.outstanding.start.amount);
    expect(trend.filter((p) => p.month >= '2026-07').reduce((s, p) => s + p.disbursed, 0n)).toBe(report.disbursed.amount);
    expect(trend[0]!.outstanding).toBe(0n);
    expect(trend.find((p) => p.month === '2026-03')!.outstanding).toBe(5_000_000n);
  });

  it('the bank\'s reports: totals are the sums of their rows and equal the summary; the XLSX holds the same numbers', async () => {
    const report = await summaryReport(province, { from: FROM, to: TO });
    const input = { from: FROM, to: TO };
    const total = (r: TabularReport, key: string) => r.totals![key] as bigint;
    const sumRows = (r: TabularReport, key: string) => r.rows.reduce((s, row) => s + BigInt((row[key] as bigint | number) ?? 0), 0n);

    const outstanding = await outstandingMatrix(province, input);
    expect(total(outstanding, 'total')).toBe(report.outstanding.end.amount);
    expect(sumRows(outstanding, 'total')).toBe(report.outstanding.end.amount);
    expect(outstanding.totals!.borrowers).toBe(report.outstanding.end.borrowers);
    expect(outstanding.columns.map((c) => c.header)).toContain('Dư nợ HN');

    const disbursements = await disbursementList(province, input);
    expect(disbursements.rows).toHaveLength(report.disbursed.loans);
    expect(total(disbursements, 'amount')).toBe(report.disbursed.amount);

    const collections = await collectionsByGroup(province, input);
    expect(total(collections, 'principal')).toBe(report.principalRepaid.amount);
    expect(total(collections, 'interest')).toBe(report.interestCollected.amount);
    expect(total(collections, 'deposits')).toBe(300_000n);

    const overdue = await overdueLoans(province, input);
    expect(total(overdue, 'overdue')).toBe(report.overdue.amount);
    expect(overdue.rows[0]!.number).toBe(loans[3]!.number);
    expect(overdue.rows[0]!.bucket).toBe('181–360 ngày');

    const savings = await savingsByGroup(province, input);
    expect(total(savings, 'balance')).toBe(report.savings.balance);
    expect(savings.totals!.savers).toBe(report.savings.participants);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await streamToBuffer(reportXlsx(disbursements))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).getCell(1).value).toBe('Ngày giải ngân');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    const last = sheet.getRow(sheet.actualRowCount);
    expect(last.getCell(1).value).toBe('Tổng cộng (2 món)');
    expect(last.getCell(10).value).toBe(Number(report.disbursed.amount));
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[1]!);
    expect((await disbursementList(leader, input)).rows.map((r) => r.programme)).toEqual(['QQV']);
  });

  it('writes the year in words, in the seeds\' style, and as a Word document', async () => {
    expect(inMillions(47_381_400_000n)).toBe('47.381 triệu đồng');
    expect(inMillions(499_999n)).toBe('0 triệu đồng');
    expect(inBillions(20_349_000_000n)).toBe('20,3 tỷ đồng');
    expect(inBillions(-2_000_000_000n)).toBe('2 tỷ đồng');
    expect(inBillions(350_000_000n)).toBe('350 triệu đồng');
    const narrative = await yearNarrative(province, { year: 2026 });
    const text = narrative.paragraphs.join('\n');
    // Lent in 2026: 10 + 20 + 8 + 5 + 6 million to five borrowers.
    expect(text).toContain('đã phối hợp giải ngân 49 triệu đồng cho 5 người vay (5 món vay)');
    expect(text).toMatch(/tổng dư nợ đạt [\d.]+ triệu đồng cho 5 hộ vay, tăng [\d.]+ triệu đồng so với đầu năm/);
    expect(text).toMatch(/Xã\/phường có dư nợ cao nhất là .+, thấp nhất là .+\./);
    expect((await failure(yearNarrative(province, { year: 2999 }))).fields).toEqual(['year']);

    const docx = await buildDocx(narrative.title, `${text}\n<Tổ & "nhóm">`);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('đã phối hợp giải ngân 49 triệu đồng');
    expect(xml).toContain('&lt;Tổ &amp; &quot;nhóm&quot;&gt;');
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']));
  });

  it('today\'s overdue from the cached loan figures equals the engine\'s replay', async () => {
    await refreshStaleLoans({});
    const today = todayInVietnam();
    const ids = loans.map((l) => l.id);
    const cached = await overdueAsOf(ids, today);
    const replayed = (await Promise.all(ids.map(async (id) => ({ id, state: (await getLoan(province, id, today)).state })))).filter((x) => x.state && x.state.overduePrincipal > 0n);
    expect(cached.map((o) => [o.loanId, o.overdue, o.daysPastDue]).sort()).toEqual(replayed.map((x) => [x.id, x.state!.overduePrincipal, x.state!.daysPastDue]).sort());
    expect(cached.length).toBeGreaterThan(0);
  });
});

