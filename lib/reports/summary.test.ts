import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { setClock, todayInVietnam } from '@/lib/clock';
import { db, type Loan, type Programme } from '@/lib/db';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { postRepayment } from '@/lib/loans';
import { refreshOpenLoans } from '@/lib/loans/loan-figures';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';
import { collectionsByGroup, disbursementList, outstandingMatrix, overdueLoans, savingsByGroup } from './bank';
import { buildDocx } from './docx';
import { formatShare } from '@/lib/i18n/format';
import { bankShareOfFigure, exportSummary, recordBankPortfolio, summaryReport, summaryRows } from './index';
import { inBillions, inMillions, yearNarrative } from './narrative';
import { overdueAsOf } from './overdue';
import { reportXlsx, type TabularReport } from './tabular';
import { monthlyTrend } from './trend';

useTestDatabase();

// Every expected figure below is worked out by hand from the loans created here, by the rules of
// docs/decisions/006-loan-money.md (never by calling the report or the loan engine):
// - interest = principal × monthly rate × days / 30, rounded half-up once per period; principal in
//   12 equal monthly parts (amount / 12 rounded down, the last part takes the rest);
// - a payment pays penalty, past interest, current interest, overdue principal, the principal due
//   that day, then principal ahead of schedule (earliest instalment first);
// - overdue principal bears rate × 130 % instead of the rate; days past due count from the oldest
//   unpaid due date.
//
// A  HN 0,55 %, 10.000.000 lent 10/05/2026 (commune D1-C1); parts of 833.333.
//    10/06 pays 1.000.000: interest 10/05–10/06 (31 d) 55.000 × 31/30 = 56.833,33 → 56.833;
//      principal 833.333 (part 1) + 109.834 ahead (on part 2) = 943.167; outstanding 9.056.833.
//    10/07: part 2 falls due with 833.333 − 109.834 = 723.499 unpaid (overdue from 11/07);
//      interest 10/06–10/07 (30 d) on 9.056.833: 49.812,58 → 49.813.
//    10/08 pays 1.900.000: penalty 11/07–10/08 (30 d) 723.499 × 0,55 % × 130 % = 5.173,02 → 5.173;
//      past interest 49.813; interest 10/07–10/08: 1 d on 9.056.833 (1.660,42) + 30 d on
//      9.056.833 − 723.499 = 8.333.334 (45.833,34) = 47.493,76 → 47.494;
//      principal 723.499 (overdue) + 833.333 (part 3) + 240.688 ahead (on part 4) = 1.797.520;
//      interest collected 5.173 + 49.813 + 47.494 = 102.480; outstanding 7.259.313.
//    At 30/09: part 4 (due 10/09) has 833.333 − 240.688 = 592.645 overdue, 20 days.
//    At 31/12: 592.645 + parts 5–7 (10/10, 10/11, 10/12) 3 × 833.333 = 3.092.644, 112 days.
// B  HCN 0,66 %, 20.000.000 lent 15/08/2026 (D1-C2); parts of 1.666.666.
//    15/09 pays 2.000.000: interest (31 d) 132.000 × 31/30 = 136.400; principal 1.666.666 +
//      196.934 ahead = 1.863.600; outstanding 18.136.400; nothing overdue at 30/09.
//    At 31/12: part 2 (15/10) 1.666.666 − 196.934 = 1.469.732 + parts 3–4 3.333.332 = 4.803.064, 77 days.
// C  QQV 0,50 %, 8.000.000 lent 20/07/2026 (D2-C1); parts of 666.666.
//    20/08 pays 700.000: interest (31 d) 40.000 × 31/30 = 41.333,33 → 41.333; principal
//      700.000 − 41.333 = 658.667, so 7.999 of part 1 stays unpaid; outstanding 7.341.333.
//    At 30/09: 7.999 + part 2 (20/09) 666.666 = 674.665 overdue, 41 days (since 20/08).
//    At 31/12: 7.999 + parts 2–5 4 × 666.666 = 2.674.663, 133 days.
// D  HN 5.000.000 lent 01/03/2026 (D1-C1), never paid; parts of 416.666.
//    At 30/09: parts 1–6 (01/04 … 01/09) 6 × 416.666 = 2.499.996 overdue, 182 days (since 01/04).
//    At 31/12: parts 1–9 = 3.749.994, 274 days.
// E  HN 6.000.000 lent 05/10/2026 (D1-C1), after the period; parts of 500.000.
//    At 31/12: parts 1–2 (05/11, 05/12) = 1.000.000, 56 days.
//
// The period 01/07–30/09/2026 therefore has:
//   lent B + C = 28.000.000 (2 loans, 2 borrowers);
//   principal repaid 1.797.520 + 1.863.600 + 658.667 = 4.319.787;
//   interest collected 102.480 + 136.400 + 41.333 = 280.213;
//   outstanding at 30/06: A 9.056.833 + D 5.000.000 = 14.056.833 (2 borrowers);
//   outstanding at 30/09: A 7.259.313 + B 18.136.400 + C 7.341.333 + D 5.000.000 = 37.737.046
//     (4 borrowers); growth 37.737.046 − 14.056.833 = 23.680.213 (= 28.000.000 − 4.319.787);
//   overdue at 30/09: A 592.645 + C 674.665 (1–90 days: 1.267.310, 2 loans) + D 2.499.996
//     (181–360 days) = 3.767.306; 3.767.306 / 37.737.046 = 0,09983 → 0,0998.
const TODAY = '2026-12-31';
const FROM = '2026-07-01';
const TO = '2026-09-30';

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let programmes: Record<string, Programme>;
let province: Actor;
let loans: Record<'A' | 'B' | 'C' | 'D' | 'E', Loan>;

beforeAll(async () => {
  setClock(TODAY);
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
  loans = {
    A: await disbursedLoanOn(officers[0]!, leaders[0]!, a!, programmes.HN!, '10.000.000', '2026-05-10'),
    B: await disbursedLoanOn(officers[1]!, leaders[0]!, b!, programmes.HCN!, '20.000.000', '2026-08-15'),
    C: await disbursedLoanOn(officers[2]!, leaders[1]!, c!, programmes.QQV!, '8.000.000', '2026-07-20'),
    D: await disbursedLoanOn(officers[0]!, leaders[0]!, d!, programmes.HN!, '5.000.000', '2026-03-01'),
    E: await disbursedLoanOn(officers[0]!, leaders[0]!, e!, programmes.HN!, '6.000.000', '2026-10-05'),
  };
  await postRepayment(officers[0]!, loans.A.id, { date: '2026-06-10', amount: '1.000.000' });
  await postRepayment(officers[0]!, loans.A.id, { date: '2026-08-10', amount: '1.900.000' });
  await postRepayment(officers[1]!, loans.B.id, { date: '2026-09-15', amount: '2.000.000' });
  await postRepayment(officers[2]!, loans.C.id, { date: '2026-08-20', amount: '700.000' });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const account = await openSavingsAccount(officers[0]!, { memberId: a!.id, schemeId: scheme.id, openedAt: '2026-05-10' });
  await postSavingsMovement(officers[0]!, account.id, 'DEPOSIT', { date: '2026-07-05', amount: '300.000' });
  await postSavingsMovement(officers[0]!, account.id, 'DEPOSIT', { date: '2026-10-05', amount: '300.000' });
  await db.orgUnit.update({ where: { id: tree.chapters[0]!.id }, data: { unionMemberCount: 4 } });
});

afterAll(() => setClock(null));

describe('summary report', () => {
  it('gives the period\'s figures worked out by hand, and totals that are the sums of its rows', async () => {
    const report = await summaryReport(province, { from: FROM, to: TO });
    expect(report.disbursed).toEqual({ amount: 28_000_000n, borrowers: 2, loans: 2 });
    expect(report.principalRepaid.amount).toBe(4_319_787n);
    expect(report.interestCollected.amount).toBe(280_213n);
    expect(report.outstanding).toEqual({
      start: { amount: 14_056_833n, borrowers: 2 },
      end: { amount: 37_737_046n, borrowers: 4 },
      growth: 23_680_213n,
    });
    expect(report.overdue).toEqual({
      amount: 3_767_306n,
      ratio: 0.0998,
      buckets: [
        { fromDays: 1, toDays: 90, amount: 1_267_310n, loans: 2 },
        { fromDays: 91, toDays: 180, amount: 0n, loans: 0 },
        { fromDays: 181, toDays: 360, amount: 2_499_996n, loans: 1 },
        { fromDays: 361, toDays: null, amount: 0n, loans: 0 },
      ],
    });
    // District D1 holds A, B, D: 7.259.313 + 18.136.400 + 5.000.000 = 30.395.713, lent B 20.000.000,
    // 2 groups; D2 holds C: 7.341.333, lent 8.000.000, 1 group. Ranked by outstanding.
    expect(report.byChild.map((c) => [c.orgUnit.id, c.disbursed, c.outstanding, c.groups])).toEqual([
      [tree.districts[0]!.id, 20_000_000n, 30_395_713n, 2],
      [tree.districts[1]!.id, 8_000_000n, 7_341_333n, 1],
    ]);
    // HCN: B; HN: A + D = 7.259.313 + 5.000.000 = 12.259.313; QQV: C.
    expect(report.byProgramme.map((p) => [p.code, p.disbursed, p.outstanding])).toEqual([
      ['HCN', 20_000_000n, 18_136_400n],
      ['HN', 0n, 12_259_313n],
      ['QQV', 8_000_000n, 7_341_333n],
    ]);
    const byCommune = await summaryReport(province, { from: FROM, to: TO, by: 'commune' });
    expect(byCommune.byChild.map((c) => [c.orgUnit.id, c.outstanding])).toEqual([
      [tree.communes[1]!.id, 18_136_400n],
      [tree.communes[0]!.id, 12_259_313n],
      [tree.communes[2]!.id, 7_341_333n],
      [tree.communes[3]!.id, 0n],
    ]);
    // A's savings: 300.000 deposited 05/07 (the 05/10 deposit is after the period); 1 saver of the
    // 4 union members entered for the first chapter: 1 / 4 = 0,25.
    expect(report.savings).toEqual({ balance: 300_000n, accounts: 1, participants: 1, unionMembers: 4, participationRatio: 0.25 });
    // 3 groups of 3, 1 and 1 members: each under its kind's minimum (5 for VBSP, 10 for revolving).
    expect(report.groups).toEqual({ active: 3, toConsolidate: 3, withOutstanding: 3 });
    // Communes with outstanding at 30/09: D1-C1, D1-C2, D2-C1.
    expect(report.communes).toEqual({ active: 3, settled: 0 });
  });

  it('filters by programme and fund source, and keeps to the reader\'s subtree', async () => {
    const revolving = await summaryReport(province, { from: FROM, to: TO, fundSource: 'REVOLVING' });
    expect([revolving.disbursed.amount, revolving.outstanding.end.amount]).toEqual([8_000_000n, 7_341_333n]);
    expect(revolving.byProgramme.map((p) => p.code)).toEqual(['QQV']);
    const hn = await summaryReport(province, { from: FROM, to: TO, programme: 'hn' });
    // HN lent nothing in the period (A in May, D in March, E in October); A + D outstanding.
    expect([hn.disbursed.amount, hn.outstanding.end.amount, hn.principalRepaid.amount]).toEqual([0n, 12_259_313n, 1_797_520n]);
    expect(hn.byProgramme.map((p) => p.code)).toEqual(['HN']);
    expect((await failure(summaryReport(province, { from: FROM, to: TO, programme: 'XYZ' }))).fields).toEqual(['programme']);
    expect((await failure(summaryReport(province, { from: TO, to: FROM }))).fields).toEqual(['to']);

    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const district = await summaryReport(leader, { from: FROM, to: TO });
    expect([district.disbursed.amount, district.outstanding.end.amount]).toEqual([20_000_000n, 30_395_713n]);
    expect(district.byChild.map((c) => [c.orgUnit.id, c.outstanding])).toEqual([
      [tree.communes[1]!.id, 18_136_400n],
      [tree.communes[0]!.id, 12_259_313n],
    ]);
    expect((await failure(summaryReport(leader, { from: FROM, to: TO, orgUnitId: tree.districts[1]!.id }))).code).toBe('NOT_FOUND');

    // The union's share of the bank's portfolio, from the bank's figure entered for the area.
    expect(district.bankShare).toBeNull();
    expect((await failure(recordBankPortfolio(await actorFor('COMMUNE_OFFICER', tree.communes[0]!), { month: '2026-09', amount: '1' }))).code).toBe('FORBIDDEN');
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    await recordBankPortfolio(liaison, { month: '2026-08', amount: '99.000.000' });
    const september = await recordBankPortfolio(liaison, { month: '2026-09', amount: '40.000.000', source: 'Báo cáo NHCSXH huyện tháng 9' });
    // Where the figure is entered, the share it gives for its month (issue 21 §7): 75,99 % → "76,0 %".
    const shown = await bankShareOfFigure(september);
    expect(shown).toEqual({ month: '2026-09', bankOutstanding: 40_000_000n, unionOutstanding: 30_395_713n, ratio: 0.7599 });
    expect(formatShare(shown!.ratio)).toBe('76,0 %');
    // VBSP outstanding of D1 at 30/09: A + B + D = 30.395.713; 30.395.713 / 40.000.000 = 0,75989 → 0,7599.
    expect((await summaryReport(leader, { from: FROM, to: TO })).bankShare).toEqual({ month: '2026-09', bankOutstanding: 40_000_000n, unionOutstanding: 30_395_713n, ratio: 0.7599 });
    // At 31/08 the August figure applies: A 7.259.313 + B 20.000.000 + D 5.000.000 = 32.259.313;
    // 32.259.313 / 99.000.000 = 0,32585 → 0,3259.
    expect((await summaryReport(leader, { from: FROM, to: '2026-08-31' })).bankShare).toEqual({ month: '2026-08', bankOutstanding: 99_000_000n, unionOutstanding: 32_259_313n, ratio: 0.3259 });

    // A commune's rows are its groups: D1-C1 has one group holding A + D.
    const commune = await summaryReport(await actorFor('COMMUNE_OFFICER', tree.communes[0]!), { from: FROM, to: TO });
    expect(commune.byChild.map((c) => [c.orgUnit.level, c.outstanding])).toEqual([['GROUP', 12_259_313n]]);
  });

  it('says the same in JSON, CSV and XLSX', async () => {
    const rows = summaryRows(await summaryReport(province, { from: FROM, to: TO }));
    const value = (section: string, item: string) => rows.find((r) => r.section === section && r.item === item)?.value;
    expect([
      value('Giải ngân', 'Số tiền'), value('Thu nợ gốc', 'Số tiền'), value('Thu lãi', 'Số tiền'), value('Dư nợ cuối kỳ', 'Số tiền'),
      value('Nợ quá hạn', 'Tỷ lệ trên dư nợ'), value('Nợ quá hạn', '181–360 ngày: số tiền / số món'), value('Tiết kiệm', 'Tỷ lệ tham gia'),
    ]).toEqual(['28000000', '4319787', '280213', '37737046', '0.0998', '2499996 / 1', '0.25']);
    const csv = new TextDecoder().decode(await streamToBuffer((await exportSummary(province, { from: FROM, to: TO }, 'csv')).stream)).replace(/^\uFEFF/, '');
    const csvValues = csv.trim().split('\r\n').slice(1).map((line) => line.split(',').at(-1)!.replace(/^"|"$/g, ''));
    expect(csvValues).toEqual(rows.map((r) => r.value));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await streamToBuffer((await exportSummary(province, { from: FROM, to: TO }, 'xlsx')).stream)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const xlsxValues = Array.from({ length: sheet.actualRowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(3).value ?? ''));
    expect(xlsxValues).toEqual(rows.map((r) => r.value));
  });

  it('month by month: what was lent and what was outstanding at each month\'s end', async () => {
    const trend = await monthlyTrend(db, { path: tree.province.path }, '2026-02', '2026-09');
    expect(trend.map((p) => [p.month, p.disbursed, p.outstanding])).toEqual([
      ['2026-02', 0n, 0n],
      ['2026-03', 5_000_000n, 5_000_000n], // D
      ['2026-04', 0n, 5_000_000n],
      ['2026-05', 10_000_000n, 15_000_000n], // + A
      ['2026-06', 0n, 14_056_833n], // A repaid 943.167: 9.056.833 + 5.000.000
      ['2026-07', 8_000_000n, 22_056_833n], // + C
      ['2026-08', 20_000_000n, 39_600_646n], // + B 20.000.000, A 7.259.313, C 7.341.333, D 5.000.000
      ['2026-09', 0n, 37_737_046n], // B repaid 1.863.600
    ]);
  });

  it('the bank\'s reports list the same loans with the same figures, and the XLSX holds them', async () => {
    const input = { from: FROM, to: TO };
    const pick = (r: TabularReport, keys: string[]) => r.rows.map((row) => keys.map((k) => row[k]));

    const outstanding = await outstandingMatrix(province, input);
    // The bank's business only: C's revolving-fund loan (QQV) and A's member savings (the union's) are left out.
    expect(outstanding.columns.map((c) => c.header)).toEqual(['Xã/phường', 'Quận/huyện', 'Dư nợ HCN', 'Dư nợ HN', 'Tổng dư nợ', 'Số hộ còn dư nợ']);
    expect(pick(outstanding, ['commune', 'total', 'borrowers'])).toEqual([['D1-C1', 12_259_313n, 2], ['D1-C2', 18_136_400n, 1]]);
    expect(outstanding.totals).toMatchObject({ total: 30_395_713n, borrowers: 3 });

    const disbursements = await disbursementList(province, input);
    expect(pick(disbursements, ['date', 'number', 'programme', 'amount'])).toEqual([['15/08/2026', loans.B.number, 'HCN', 20_000_000n]]);
    expect(disbursements.totals!.amount).toBe(20_000_000n);

    // Per group and month: A's payment in August, B's in September (C's is the fund's, A's deposit the union's).
    const collections = await collectionsByGroup(province, input);
    expect(pick(collections, ['month', 'commune', 'principal', 'interest', 'deposits', 'collected'])).toEqual([
      ['08/2026', 'D1-C1', 1_797_520n, 102_480n, 0n, 1_900_000n],
      ['09/2026', 'D1-C2', 1_863_600n, 136_400n, 0n, 2_000_000n],
    ]);
    expect(collections.totals).toMatchObject({ principal: 3_661_120n, interest: 238_880n, deposits: 0n, collected: 3_900_000n });

    // Longest overdue first.
    const overdue = await overdueLoans(province, input);
    expect(pick(overdue, ['number', 'outstanding', 'overdue', 'days', 'bucket'])).toEqual([
      [loans.D.number, 5_000_000n, 2_499_996n, 182, '181–360 ngày'],
      [loans.A.number, 7_259_313n, 592_645n, 20, '1–90 ngày'],
    ]);
    expect(overdue.totals!.overdue).toBe(3_092_641n);

    // Savings through VBSP groups only: A saves in a member scheme (the union's), so nothing here.
    const savings = await savingsByGroup(province, input);
    expect(savings.columns.map((c) => c.key)).toEqual(['commune', 'group', 'savers', 'balance']);
    expect(savings.rows).toEqual([]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await streamToBuffer(reportXlsx(disbursements))) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(3).getCell(1).value).toBe('Ngày giải ngân');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9 });
    expect([4].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(10).value])).toEqual([['15/08/2026', 20_000_000]]);
    const last = sheet.getRow(sheet.actualRowCount);
    expect([last.getCell(1).value, last.getCell(10).value]).toEqual(['Tổng cộng (1 món)', 20_000_000]);
    // The other district lent only from the revolving fund: nothing for the bank.
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[1]!);
    expect((await disbursementList(leader, input)).rows).toEqual([]);
  });

  it('writes the year in words, in the seeds\' style, and as a Word document', async () => {
    expect(inMillions(47_381_400_000n)).toBe('47.381 triệu đồng');
    expect(inMillions(499_999n)).toBe('0 triệu đồng');
    expect(inBillions(20_349_000_000n)).toBe('20,3 tỷ đồng');
    expect(inBillions(-2_000_000_000n)).toBe('2 tỷ đồng');
    expect(inBillions(350_000_000n)).toBe('350 triệu đồng');
    const narrative = await yearNarrative(province, { year: 2026 });
    const text = narrative.paragraphs.join('\n');
    // 2026 to 31/12: lent 10 + 20 + 8 + 5 + 6 = 49 million to five borrowers; principal repaid
    // 943.167 + 1.797.520 + 1.863.600 + 658.667 = 5.262.954 → 5 million; interest
    // 56.833 + 102.480 + 136.400 + 41.333 = 337.046 → 0 million.
    expect(text).toContain('đã phối hợp giải ngân 49 triệu đồng cho 5 người vay (5 món vay); thu nợ gốc 5 triệu đồng, thu lãi 0 triệu đồng.');
    // Outstanding 49.000.000 − 5.262.954 = 43.737.046 → 44 million, up from 0 at the start of the
    // year; overdue at 31/12 A 3.092.644 + B 4.803.064 + C 2.674.663 + D 3.749.994 + E 1.000.000 =
    // 15.320.365 → 15 million; 15.320.365 / 43.737.046 = 0,3503 → 35 %.
    expect(text).toContain('tổng dư nợ đạt 44 triệu đồng cho 5 hộ vay, tăng 44 triệu đồng so với đầu năm; nợ quá hạn 15 triệu đồng, chiếm 35% tổng dư nợ.');
    // D1-C1: A 7.259.313 + D 5.000.000 + E 6.000.000 = 18.259.313; D2-C1: C 7.341.333.
    expect(text).toContain('Xã/phường có dư nợ cao nhất là D1-C1 (18 triệu đồng), thấp nhất là D2-C1 (7 triệu đồng).');
    expect((await failure(yearNarrative(province, { year: 2027 }))).fields).toEqual(['year']);

    const docx = await buildDocx(narrative.title, `${text}\n<Tổ & "nhóm">`);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('đã phối hợp giải ngân 49 triệu đồng');
    expect(xml).toContain('&lt;Tổ &amp; &quot;nhóm&quot;&gt;');
    expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']));
  });

  it('counts the active groups, those under their kind\'s size and those with loans, in every area and for each fund source', async () => {
    // Two groups without loans in the fourth commune: a VBSP group of 5 (its minimum), a revolving group of 5 (under its 10).
    const commune = tree.communes[3]!;
    const [vbsp, revolving] = [await makeGroup(commune), await makeGroup(commune, 'REVOLVING')];
    await addMembers(commune, vbsp.id, 5);
    await addMembers(commune, revolving.id, 5);
    // Today (from the open loans' tally) and at the end of a past quarter (from the ledger's months): A–E are in the first three groups.
    for (const period of [{ from: '2026-01-01', to: TODAY }, { from: FROM, to: TO }]) {
      const report = await summaryReport(province, period);
      expect(report.groups, period.to).toEqual({ active: 5, toConsolidate: 4, withOutstanding: 3 });
      expect(report.byChild.map((c) => [c.orgUnit.id, c.groups]).sort()).toEqual([[tree.districts[0]!.id, 2], [tree.districts[1]!.id, 3]].sort());
      expect((await summaryReport(province, { ...period, fundSource: 'REVOLVING' })).groups).toEqual({ active: 2, toConsolidate: 2, withOutstanding: 1 });
      expect((await summaryReport(province, { ...period, fundSource: 'VBSP' })).groups).toEqual({ active: 3, toConsolidate: 2, withOutstanding: 2 });
      const officer = await actorFor('COMMUNE_OFFICER', commune);
      expect((await summaryReport(officer, period)).groups).toEqual({ active: 2, toConsolidate: 1, withOutstanding: 0 });
    }
  });

  it('overdue today (from the cached loan figures) and on a past day (replayed) are the hand-worked figures', async () => {
    await refreshOpenLoans();
    const ids = Object.values(loans).map((l) => l.id);
    const byLoan = (rows: { loanId: string; overdue: bigint; daysPastDue: number }[]) =>
      Object.fromEntries(Object.entries(loans).flatMap(([name, l]) => rows.filter((r) => r.loanId === l.id).map((r) => [name, [r.overdue, r.daysPastDue]])));
    expect(todayInVietnam()).toEqual(new Date(`${TODAY}T00:00:00Z`));
    expect(byLoan(await overdueAsOf(ids, todayInVietnam()))).toEqual({
      A: [3_092_644n, 112], B: [4_803_064n, 77], C: [2_674_663n, 133], D: [3_749_994n, 274], E: [1_000_000n, 56],
    });
    expect(byLoan(await overdueAsOf(ids, new Date(`${TO}T00:00:00Z`)))).toEqual({ A: [592_645n, 20], C: [674_665n, 41], D: [2_499_996n, 182] });
  });
});
