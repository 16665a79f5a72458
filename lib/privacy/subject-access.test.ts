import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { ensureSavingsSchemes } from '@/tests/factories/collections';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn, ledgerRepayment } from '@/tests/factories/fund';
import { daysAgo, ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { db, type Member } from '@/lib/db';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { recordInspection } from '@/lib/inspections/record-inspection';
import { readMember, updateMember } from '@/lib/members';
import { openSavingsAccount } from '@/lib/savings/manage-accounts';
import { postSavingsMovement } from '@/lib/savings/post-movement';
import { subjectAccessExport } from './subject-access';

// Issue 24 §2: the subject access export holds every record the database keeps about her — checked
// against the tables (every table with a column naming a member, her loans or her savings accounts),
// not against the export's own code. A new such table fails the first test until it is placed.

useTestDatabase();

/** Where each table naming a member is answered: a sheet of the workbook, or why it is not needed. */
const PLACED = {
  Member: 'sheet', MemberConsent: 'sheet', MemberGroupHistory: 'sheet', RecordMove: 'sheet', AuditLog: 'sheet', Group: 'sheet', Loan: 'sheet', LoanAppraisal: 'sheet',
  LoanTransaction: 'sheet', LoanMove: 'sheet', ReversalRequest: 'sheet', SavingsAccount: 'sheet', SavingsTransaction: 'sheet', CollectionSheetRow: 'sheet',
  Inspection: 'sheet', InspectionTarget: 'sheet', BankStatementLine: 'sheet', PersonalDataAccess: 'sheet',
  LoanSpan: 'derived from her loans (dates of outstanding), shown as the loans', SavingsBalance: 'derived from her savings movements',
  LoanMonthEnd: 'derived from her loans (overdue at past month ends: decision 029), shown as the loans',
  SavingsMonthEnd: 'derived from her savings movements (balances at past month ends)',
  MemberNow: 'derived from her loans and savings (what she has open now: decision 031), shown as the loans and accounts',
  MemberSpread: 'derived from her loans and savings (in how many communes she has some now: decision 033), no data of hers beyond that',
  LoanMonthEndStale: 'a mark to recompute the former, no data of hers', SavingsMonthEndStale: 'a mark to recompute the former, no data of hers',
  ExportJob: 'a background export: its download is a PersonalDataAccess row (sheet)',
} as const;
const MEMBERISH = ['memberId', 'memberIds', 'recordId', 'leaderId', 'deputyId', 'entityId', 'loanId', 'accountId'];

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let her: Member;
let workbookText: Map<string, string>;

beforeAll(async () => {
  tree = await createOrgTree();
  const commune = tree.communes[0]!;
  officer = await actorFor('COMMUNE_OFFICER', commune);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const programmes = await ensureProgrammes();
  const schemes = await ensureSavingsSchemes();
  const group = await makeGroup(commune, 'VBSP');
  [her] = await addMembers(commune, group.id, 2);
  await db.group.update({ where: { id: group.id }, data: { leaderId: her!.id } });
  await db.memberGroupHistory.create({ data: { memberId: her!.id, groupId: group.id, fromDate: new Date(daysAgo(400)), toDate: new Date(daysAgo(300)), reason: 'JOIN' } });
  await updateMember(officer, her!.id, { phone: '0911222333' });
  const loan = await disbursedLoanOn(officer, leader, her!, programmes.HN!, '10.000.000', daysAgo(90));
  const repayment = await ledgerRepayment(loan.id, daysAgo(30), { principal: 500_000n, interest: 60_000n });
  await db.reversalRequest.create({ data: { loanId: loan.id, transactionId: repayment.id, reason: 'Ghi nhầm ngày', requestedById: officer.userId } });
  await db.loanMove.create({
    data: { loanId: loan.id, date: new Date(daysAgo(20)), fromGroupId: group.id, toGroupId: group.id, fromOrgUnitId: commune.id, toOrgUnitId: commune.id,
      principal: 1n },
  });
  const account = await openSavingsAccount(officer, { memberId: her!.id, schemeId: schemes.TKTV!.id, openedAt: daysAgo(60) });
  await postSavingsMovement(officer, account.id, 'DEPOSIT', { amount: '300.000', date: daysAgo(10) });
  await recordInspection(officer, { level: 'HOUSEHOLD', kind: 'SURPRISE', memberId: her!.id, loanId: loan.id, date: daysAgo(5), inspectors: 'Đoàn kiểm tra xã' });
  const plan = await db.inspectionPlan.create({
    data: { orgUnitId: commune.id, title: 'Kế hoạch quý', kind: 'PERIODIC', periodFrom: new Date(daysAgo(30)), periodTo: new Date(daysAgo(1)), team: 'Tổ kiểm tra' },
  });
  await db.inspectionTarget.create({ data: { planId: plan.id, level: 'HOUSEHOLD', orgUnitId: commune.id, memberId: her!.id } });
  await db.recordMove.create({
    data: { kind: 'MEMBER', recordId: her!.id, date: new Date(daysAgo(200)), fromOrgUnitId: tree.communes[1]!.id, toOrgUnitId: commune.id },
  });
  const month = daysAgo(30).slice(0, 7);
  const sheet = await db.collectionSheet.create({ data: { groupId: group.id, month, date: new Date(daysAgo(30)), totalLoans: 560_000n, totalSaving: 0n } });
  await db.collectionSheetRow.create({
    data: { sheetId: sheet.id, memberId: her!.id, attended: true, loanTransactionIds: [repayment.id], savingsTransactionIds: [], loanPaid: 560_000n,
      savingsPaid: 0n },
  });
  const statement = await db.bankStatement.create({ data: { orgUnitId: commune.id, month, fileName: 'nh.xlsx', uploadedById: officer.userId } });
  await db.bankStatementLine.create({ data: { statementId: statement.id, rowNumber: 7, loanNumber: loan.number, memberId: her!.id, outstanding: 9_500_000n } });
  await readMember(leader, her!.id, { via: 'API_RECORD', purpose: 'INSPECTION' });
  await streamToBuffer((await exportRegister(officer, 'members', 'csv')).stream);

  const { data } = await subjectAccessExport(officer, her!.id, 'xlsx');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  workbookText = new Map(workbook.worksheets.map((ws) => {
    const cells: string[] = [];
    ws.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
    return [ws.name, cells.join('\n')];
  }));
}, 120_000);

const text = (sheet: string) => workbookText.get(sheet) ?? '';
const all = () => [...workbookText.values()].join('\n');

describe('the subject access export', () => {
  it('places every table that names a member, her loans or her savings accounts', async () => {
    const rows = await db.$queryRaw<{ table: string }[]>`
      SELECT DISTINCT table_name::text AS "table" FROM information_schema.columns WHERE table_schema = 'public' AND column_name = ANY(${MEMBERISH})`;
    expect(rows.map((r) => r.table).sort()).toEqual(Object.keys(PLACED).filter((t) => t !== 'Member').sort());
  });

  it('holds every row about her, found by querying the tables', async () => {
    const id = her.id;
    const loans = await db.loan.findMany({ where: { memberId: id }, include: { appraisal: true, moves: true, transactions: true, reversalRequests: true } });
    const accounts = await db.savingsAccount.findMany({ where: { memberId: id }, include: { transactions: true } });
    const loanIds = loans.map((l) => l.id);
    const member = await db.member.findUniqueOrThrow({ where: { id } });
    const expected: [string, string][] = [
      ['Thông tin đăng ký', member.fullName], ['Thông tin đăng ký', member.nationalId], ['Thông tin đăng ký', member.phone!], ['Thông tin đăng ký', member.address ?? ''],
      ...(await db.group.findMany({ where: { OR: [{ leaderId: id }, { deputyId: id }] } })).map((g): [string, string] => ['Thông tin đăng ký', g.code]),
      ...(await db.memberConsent.findMany({ where: { memberId: id } })).map((c): [string, string] => ['Đồng ý xử lý dữ liệu', c.id]),
      ...(await db.auditLog.findMany({ where: { entityId: id } })).map((e): [string, string] => ['Lịch sử thay đổi', String(e.id)]),
      ...(await db.memberGroupHistory.findMany({ where: { memberId: id } })).map((m): [string, string] => ['Tổ và đơn vị', String(m.id)]),
      ...(await db.recordMove.findMany({ where: { recordId: { in: [id, ...accounts.map((a) => a.id)] } } })).map((m): [string, string] => ['Tổ và đơn vị', String(m.id)]),
      ...loans.flatMap((l): [string, string][] => [
        ['Khoản vay', l.id], ['Khoản vay', l.number], ...(l.appraisal ? [['Khoản vay', l.appraisal.appraiserName] as [string, string]] : []),
        ...l.moves.map((m): [string, string] => ['Khoản vay', `#${String(m.id)}`]),
        ...l.transactions.map((x): [string, string] => ['Giao dịch vay', x.id]),
        ...l.reversalRequests.map((r): [string, string] => ['Đề nghị hủy giao dịch', r.id]),
      ]),
      ...accounts.flatMap((a): [string, string][] => [['Tiết kiệm', a.id], ...a.transactions.map((x): [string, string] => ['Tiết kiệm', x.id])]),
      ...(await db.collectionSheetRow.findMany({ where: { memberId: id } })).map((r): [string, string] => ['Bảng kê thu', String(r.id)]),
      ...(await db.inspection.findMany({ where: { OR: [{ memberId: id }, { loanId: { in: loanIds } }] } })).map((i): [string, string] => ['Kiểm tra', i.id]),
      ...(await db.inspectionTarget.findMany({ where: { memberId: id } })).map((i): [string, string] => ['Kiểm tra', i.id]),
      ...(await db.bankStatementLine.findMany({ where: { OR: [{ memberId: id }, { loanId: { in: loanIds } }] } })).map((l): [string, string] => ['Đối chiếu ngân hàng', l.id]),
      ...(await db.personalDataAccess.findMany({ where: { OR: [{ memberId: id }, { memberIds: { has: id } }] } })).map((e): [string, string] => ['Ai đã xem, xuất', String(e.id)]),
    ];
    // Every kind of record the world above planted is there to be found (the check is not vacuous).
    expect(new Set(expected.map(([sheet]) => sheet)).size).toBe(12);
    expect(expected.filter(([sheet, value]) => !text(sheet).includes(value))).toEqual([]);
  });

  it('names the export itself and the reads of others, and says why old values of personal data are missing', async () => {
    expect(text('Ai đã xem, xuất')).toContain('Xuất toàn bộ dữ liệu cho thành viên');
    expect(text('Ai đã xem, xuất')).toContain('Kiểm tra, giám sát');
    expect(text('Lịch sử thay đổi')).toContain('không lưu giá trị cũ');
    expect(all()).not.toContain((await db.member.findFirstOrThrow({ where: { id: { not: her.id }, orgUnitId: her.orgUnitId } })).nationalId);
  });

  it('is made only by an officer who keeps her register, in scope', async () => {
    expect((await failure(subjectAccessExport(await actorFor('DISTRICT_LEADER', tree.districts[0]!), her.id, 'xlsx'))).code).toBe('FORBIDDEN');
    expect((await failure(subjectAccessExport(await actorFor('COMMUNE_OFFICER', tree.communes[1]!), her.id, 'xlsx'))).code).toBe('NOT_FOUND');
  });
});
