import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { setClock } from '@/lib/clock';
import { db, type Loan, type Member, type OrgUnit } from '@/lib/db';
import { postRepayment } from '@/lib/loans';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { ensureSavingsSchemes } from '@/tests/factories/collections';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { getReconciliation, listBankStatements, markReconciled, monthBounds, uploadBankStatement, type BankListColumns } from './index';

// Reconciliation with the bank's monthly list (issue 21, section 6). The bank's list is generated
// from the ledger's rows directly (disbursed minus principal repaid, interest of the month, deposits
// minus withdrawals) — not by the code under test — then differences are planted: every one must
// be found, and nothing else reported.

useTestDatabase();

const MONTH = '2026-05';
let commune: OrgUnit;
let officer: Actor;
let otherOfficer: Actor;
let leader: Actor;
let liaison: Actor;
let borrowers: Member[];
let loans: Loan[];
let revolving: Loan;

beforeAll(async () => {
  setClock('2026-06-10');
  const tree = await createOrgTree();
  commune = tree.communes[0]!;
  officer = await actorFor('COMMUNE_OFFICER', commune);
  otherOfficer = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  liaison = await actorFor('BANK_LIAISON', tree.province);
  const office = await db.bankOffice.create({ data: { code: `PGD-${commune.code}`, name: 'PGD NHCSXH thử', orgUnitId: tree.province.id } });
  await db.bankOfficeCommune.create({ data: { bankOfficeId: office.id, orgUnitId: commune.id } });
  const programmes = await ensureProgrammes();
  const schemes = await ensureSavingsSchemes();
  const groupA = await makeGroup(commune, 'BOTH');
  const groupB = await makeGroup(commune, 'VBSP');
  borrowers = [...(await addMembers(commune, groupA.id, 3)), ...(await addMembers(commune, groupB.id, 3))];
  loans = [];
  for (const [i, member] of borrowers.entries()) {
    loans.push(await disbursedLoanOn(officer, leader, member, programmes.HN!, `${10 + i}.000.000`, '2026-01-15'));
    const account = await openSavingsAccount(officer, { memberId: member.id, schemeId: schemes.TKNH!.id, openedAt: '2026-01-15' });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-02-15', amount: String(100_000 * (i + 1)) });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: '2026-05-15', amount: '50.000' });
  }
  // The union's own money: a revolving-fund loan the bank does not list, and must not be reported.
  revolving = await disbursedLoanOn(officer, leader, borrowers[0]!, programmes.QQV!, '5.000.000', '2026-01-20');
  for (const loan of loans) {
    for (const date of ['2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15']) await postRepayment(officer, loan.id, { date, amount: '1.000.000' });
  }
  await postRepayment(officer, revolving.id, { date: '2026-05-15', amount: '500.000' });
});
afterAll(() => setClock(null));

const columnsOf = (outcome: Awaited<ReturnType<typeof uploadBankStatement>>) => ('columns' in outcome ? outcome.columns : null);

interface ListRow { loanNumber: string; name: string; nationalId: string; outstanding: bigint; interest: bigint; savings: bigint }

/** The bank's list as its office would print it, from the ledger's rows. */
async function listFromLedger(): Promise<ListRow[]> {
  const { first, last } = monthBounds(MONTH);
  const rows = await db.loan.findMany({
    where: { orgUnitId: commune.id, programme: { fundSource: 'VBSP' } },
    orderBy: { number: 'asc' },
    include: { transactions: true, member: { include: { savingsAccounts: { where: { scheme: { kind: 'VBSP_GROUP' } }, include: { transactions: true } } } } },
  });
  return rows.map((loan) => {
    const live = loan.transactions.filter((t) => !t.reversedAt && t.kind === 'REPAYMENT');
    return {
      loanNumber: loan.number, name: loan.member.fullName, nationalId: loan.member.nationalId,
      outstanding: loan.amountDisbursed! - live.filter((t) => t.date <= last).reduce((s, t) => s + t.principal, 0n),
      interest: live.filter((t) => t.date >= first && t.date <= last).reduce((s, t) => s + t.interest + t.overdueInterest, 0n),
      savings: loan.member.savingsAccounts.flatMap((a) => a.transactions).filter((t) => !t.reversedAt && t.date <= last)
        .reduce((s, t) => s + (t.kind === 'DEPOSIT' ? t.amount : -t.amount), 0n),
    };
  });
}

/** An XLSX as offices export it: title lines, then the header row, amounts as numbers. */
async function xlsxOf(rows: ListRow[], { byNationalIdOnly = new Set<string>() } = {}) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('DS');
  sheet.addRow(['NGÂN HÀNG CHÍNH SÁCH XÃ HỘI']);
  sheet.addRow([`DANH SÁCH DƯ NỢ THÁNG ${MONTH.slice(5)}/${MONTH.slice(0, 4)}`]);
  sheet.addRow([]);
  sheet.addRow(['STT', 'Số khế ước', 'Tên khách hàng', 'Số CMND/CCCD', 'Dư nợ cuối kỳ', 'Lãi đã thu', 'Số dư TK']);
  rows.forEach((r, i) => sheet.addRow([
    i + 1, byNationalIdOnly.has(r.loanNumber) ? '' : r.loanNumber, r.name, Number(r.nationalId), Number(r.outstanding), Number(r.interest), Number(r.savings),
  ]));
  return { fileName: 'ds-thang-5.xlsx', data: new Uint8Array(await workbook.xlsx.writeBuffer()) };
}

type Options = { month?: string; columns?: BankListColumns | null; preview?: boolean };
const upload = (actor: Actor, file: { fileName: string; data: Uint8Array }, opts: Options = {}) =>
  uploadBankStatement(actor, { orgUnitId: commune.id, month: opts.month ?? MONTH, columns: opts.columns ?? null, preview: opts.preview ?? false }, file, 'vi');

describe('reconciliation with the bank’s monthly list', () => {
  it('finds every planted difference and nothing else', async () => {
    const truth = await listFromLedger();
    expect(truth).toHaveLength(6); // the revolving-fund loan is not the bank's
    const [a, b, c, d, e] = [0, 1, 2, 3, 4].map((i) => truth.find((r) => r.loanNumber === loans[i]!.number)!);
    const planted = truth.filter((r) => r !== c).map((r) => ({ ...r }));
    planted.find((r) => r.loanNumber === a!.loanNumber)!.outstanding += 100_000n; // 1. outstanding differs
    planted.find((r) => r.loanNumber === b!.loanNumber)!.interest -= 5_000n; // 2. interest differs (row found by CCCD only)
    planted.find((r) => r.loanNumber === d!.loanNumber)!.savings += 20_000n; // 3. savings differs
    planted.push({ loanNumber: 'KU-NGOAI-01', name: 'Trần Thị Lạ', nationalId: '036190099999', outstanding: 7_000_000n, interest: 35_000n, savings: 0n }); // 4. only in the bank
    // 5. loan c is only in the app (left out of the list); loan e is listed twice as two half lines (the sum matches).
    const half = planted.findIndex((r) => r.loanNumber === e!.loanNumber);
    planted.splice(half, 1, { ...e!, outstanding: e!.outstanding / 2n }, { ...e!, outstanding: e!.outstanding - e!.outstanding / 2n, interest: 0n });

    const file = await xlsxOf(planted, { byNationalIdOnly: new Set([b!.loanNumber]) });
    const preview = await upload(officer, file, { preview: true });
    expect(preview).toMatchObject({
      preview: true, headerRow: 4,
      columns: { loanNumber: 'Số khế ước', borrowerName: 'Tên khách hàng', nationalId: 'Số CMND/CCCD', outstanding: 'Dư nợ cuối kỳ', interestPaid: 'Lãi đã thu', savingsBalance: 'Số dư TK' },
    });
    const saved = await upload(officer, file);
    expect(saved).toMatchObject({ ok: true, rows: planted.length, matched: planted.length - 1, unmatched: 1 });
    if (!('id' in saved)) throw new Error('not saved');

    const result = await getReconciliation(officer, saved.id);
    const found = result.groups.flatMap((g) => g.differences).map((d) => [d.kind, d.loans.map((l) => l.number).join(), d.bank, d.app]);
    expect(found.sort()).toEqual([
      ['interest', b!.loanNumber, b!.interest - 5_000n, b!.interest],
      ['onlyInApp', c!.loanNumber, null, c!.outstanding],
      ['onlyInBank', '', 7_000_000n, null],
      ['outstanding', a!.loanNumber, a!.outstanding + 100_000n, a!.outstanding],
      ['savings', '', d!.savings + 20_000n, d!.savings],
    ].sort());
    expect(result.differenceCount).toBe(5);
    // Totals: the bank's side is the sum of its rows, the app's side the ledger's.
    expect(result.totals.outstanding.bank).toBe(planted.reduce((s, r) => s + r.outstanding, 0n));
    expect(result.totals.outstanding.app).toBe(truth.reduce((s, r) => s + r.outstanding, 0n));
    expect(result.totals.interest.app).toBe(truth.reduce((s, r) => s + r.interest, 0n));
    expect(result.groups.reduce((s, g) => s + g.totals.outstanding.app, 0n)).toBe(result.totals.outstanding.app);
    expect(result.totals.borrowers).toEqual({ bank: 6, app: 6 });
    // The bank-only row is kept without the CCCD itself.
    const line = await db.bankStatementLine.findFirstOrThrow({ where: { statementId: saved.id, loanId: null, memberId: null } });
    expect([line.borrowerName, line.nationalIdMasked]).toEqual(['Trần Thị Lạ', '036*******99']);
    expect(JSON.stringify(await db.bankStatementLine.findMany(), (_k, v) => (typeof v === 'bigint' ? String(v) : v))).not.toContain('036190099999');
  });

  it('is marked reconciled once, with who and when, and a note while differences are left', async () => {
    const [statement] = await listBankStatements(officer, { month: MONTH });
    expect((await failure(markReconciled(officer, statement!.id, {}))).fields).toContain('note');
    expect((await failure(markReconciled(leader, statement!.id, { note: 'x' }))).code).toBe('FORBIDDEN');
    const before = Date.now();
    await markReconciled(officer, statement!.id, { note: 'Khế ước KU-NGOAI-01 thuộc xã khác; còn lại đã báo phòng giao dịch' });
    const [after] = await listBankStatements(leader, { month: MONTH });
    expect(after!.reconciledBy).toBe(officer.fullName);
    expect(after!.reconciledAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(after!.reconciledAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect((await failure(markReconciled(officer, statement!.id, { note: 'lại' }))).key).toBe('reconciliation.alreadyReconciled');
    expect((await failure(upload(officer, await xlsxOf(await listFromLedger())))).key).toBe('reconciliation.alreadyReconciled');
    const audit = await db.auditLog.findMany({ where: { entityId: statement!.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['reconciliation.upload', 'reconciliation.close']);
  });

  it('remembers the columns an office uses, and lists no difference when the list matches', async () => {
    const { first, last } = monthBounds('2026-04');
    const april = await db.loan.findMany({ where: { orgUnitId: commune.id, programme: { fundSource: 'VBSP' } }, include: { transactions: true } });
    const aprilText = ['Ma KV;Ho ten;So dinh danh;DN cuoi thang;Lai T4;TK', ...april.map((l) => {
      const live = l.transactions.filter((t) => t.kind === 'REPAYMENT' && !t.reversedAt);
      const outstanding = l.amountDisbursed! - live.filter((t) => t.date <= last).reduce((s, t) => s + t.principal, 0n);
      const interest = live.filter((t) => t.date >= first && t.date <= last).reduce((s, t) => s + t.interest + t.overdueInterest, 0n);
      return `${l.number};x;;${outstanding.toLocaleString('de-DE')};${interest};`;
    })].join('\n');
    const csv = { fileName: 'thang4.csv', data: new TextEncoder().encode(aprilText) };
    const columns = { loanNumber: 'Ma KV', borrowerName: 'Ho ten', outstanding: 'DN cuoi thang', interestPaid: 'Lai T4' };
    // Only some usual names are there (accents left out): the officer chooses the rest; the choice is kept for the office.
    expect(columnsOf(await upload(liaison, csv, { month: '2026-04', preview: true }))).toEqual({ borrowerName: 'Ho ten', nationalId: 'So dinh danh' });
    const saved = await upload(liaison, csv, { month: '2026-04', columns });
    if (!('id' in saved)) throw new Error(JSON.stringify(saved));
    const result = await getReconciliation(liaison, saved.id);
    expect([result.differenceCount, result.hasInterest, result.hasSavings]).toEqual([0, true, false]);
    expect(columnsOf(await upload(officer, csv, { month: '2026-03', preview: true }))).toEqual(columns);
  });

  it('refuses a list with bad rows, naming each, and keeps nothing', async () => {
    const text = ['Số khoản vay;Số CCCD;Dư nợ;Lãi thu trong tháng', `${loans[0]!.number};;1.000.000;abc`, ';;2.000.000;0', `;12345;3.000.000;0`, `${loans[1]!.number};;;0`].join('\n');
    const outcome = await upload(officer, { fileName: 'loi.csv', data: new TextEncoder().encode(text) }, { month: '2026-03' });
    expect(outcome).toMatchObject({ ok: false });
    if (!('issues' in outcome)) throw new Error('no issues');
    expect(outcome.issues.map((i) => [i.row, i.column])).toEqual([[2, 'Lãi thu trong tháng'], [3, 'Số khoản vay'], [4, 'Số CCCD'], [5, 'Dư nợ']]);
    expect(outcome.issues[0]!.message).toContain('Lãi thu trong tháng');
    expect(await db.bankStatement.count({ where: { month: '2026-03' } })).toBe(0);
    expect((await failure(upload(officer, { fileName: 'x.csv', data: new TextEncoder().encode('a;b;c\n1;2;3') }, { month: '2026-03' }))).fields).toContain('columns.outstanding');
    expect((await failure(upload(officer, { fileName: 'x.csv', data: new TextEncoder().encode(text) }, { month: '2026-07' }))).fields).toContain('month');
  });

  it('stays in scope: another commune’s officer finds nothing, a leader reads but does not upload', async () => {
    const [statement] = await listBankStatements(officer, { month: MONTH });
    expect((await failure(getReconciliation(otherOfficer, statement!.id))).code).toBe('NOT_FOUND');
    expect(await listBankStatements(otherOfficer)).toEqual([]);
    expect((await getReconciliation(leader, statement!.id)).statement.commune.id).toBe(commune.id);
    expect((await failure(upload(leader, { fileName: 'x.csv', data: new Uint8Array([1]) }))).code).toBe('FORBIDDEN');
    expect((await failure(uploadBankStatement(otherOfficer, { orgUnitId: commune.id, month: MONTH, columns: null, preview: true }, { fileName: 'x.csv', data: new Uint8Array([1]) }, 'vi'))).code).toBe('NOT_FOUND');
  });
});
