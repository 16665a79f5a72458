import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { ensureSavingsSchemes } from '@/tests/factories/collections';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { daysAgo, ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import type { Actor } from '@/lib/auth/actor';
import { verifyAuditChain } from '@/lib/audit/verify-chain';
import { isoDate } from '@/lib/calendar/date-only';
import { setClock, todayInVietnam } from '@/lib/clock';
import { db, Prisma, type Member } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { addFindings } from '@/lib/inspections/findings';
import { recordInspection } from '@/lib/inspections/record-inspection';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan, postRepayment } from '@/lib/loans';
import { leaveMember, readMember, recordConsent, updateMember } from '@/lib/members';
import { maskNationalId } from '@/lib/members/pii';
import { exportSummary, summaryReport } from '@/lib/reports';
import { openSavingsAccount } from '@/lib/savings/manage-accounts';
import { postSavingsMovement } from '@/lib/savings/post-movement';
import { anonymiseDueMembers, eraseMember, pseudonymOf } from './anonymise';
import { liftRestriction, restrictProcessing } from './restriction';
import { membersDueForAnonymisation, retentionYears, setRetentionYears } from './retention';
import { subjectAccessExport } from './subject-access';

// Issue 24 §3: past the retention period the nightly job replaces a member's identity with a
// pseudonym; afterwards no identifying value of hers is left in any text column of the database
// (every table, found from the catalogue — not a list kept by hand), the summary reports of the
// years she was in are byte-identical, and the audit trail's hash chain still verifies.

useTestDatabase();

const NAME = 'Hà Thị Riêng Tư Thử';
const PHONE = '0915123987';
const ADDRESS = 'Xóm Giữa, nhà số 12, thôn Đoài';

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
let provinceAdmin: Actor;
let her: Member;
/** Her last business day: the day she left. */
let leftOn: string;
let summaryPeriod: { from: string; to: string };

afterAll(() => setClock(null));

/** Repays a loan in full through the service: what is payable is what the refusal of too much names. */
async function repayInFull(actor: Actor, loanId: string, date: string) {
  const refusal = await postRepayment(actor, loanId, { amount: '1.000.000.000', date }).then(() => null, (error: unknown) => error);
  if (!(refusal instanceof AppError) || refusal.messageKey !== 'loans.overpayment') throw refusal ?? new Error('a payment of 1 billion was accepted');
  await postRepayment(actor, loanId, { amount: String(refusal.params.payable), date });
}

/** Every text, JSON, array and binary column of every table that contains the value: "Table.column". */
async function columnsHolding(value: string): Promise<string[]> {
  const columns = await db.$queryRaw<{ table: string; column: string; type: string }[]>`
    SELECT table_name::text AS "table", column_name::text AS "column", data_type::text AS "type" FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')`;
  const found: string[] = [];
  for (const { table, column, type } of columns) {
    const target = Prisma.raw(`"${table}"."${column}"`);
    const from = Prisma.raw(`"${table}"`);
    const [{ hits }] = type === 'bytea'
      ? await db.$queryRaw<{ hits: number }[]>`SELECT count(*)::int AS hits FROM ${from} WHERE position(convert_to(${value}, 'UTF8') IN ${target}) > 0`
      : await db.$queryRaw<{ hits: number }[]>`SELECT count(*)::int AS hits FROM ${from} WHERE strpos(lower(${target}::text), lower(${value})) > 0`;
    if (hits > 0) found.push(`${table}.${column}`);
  }
  return found;
}

const summaryInput = () => ({ orgUnitId: tree.province.id, ...summaryPeriod });
async function summaryFiles(actor: Actor) {
  return {
    json: JSON.stringify(await summaryReport(actor, summaryInput()), (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    byCommune: JSON.stringify(await summaryReport(actor, { ...summaryInput(), by: 'commune' }), (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
    csv: Buffer.from(await streamToBuffer((await exportSummary(actor, summaryInput(), 'csv')).stream)).toString('base64'),
  };
}

beforeAll(async () => {
  tree = await createOrgTree();
  const commune = tree.communes[0]!;
  officer = await actorFor('COMMUNE_OFFICER', commune);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  provinceAdmin = await actorFor('ADMIN', tree.province);
  const programmes = await ensureProgrammes();
  const schemes = await ensureSavingsSchemes();
  const group = await makeGroup(commune, 'VBSP', 'AN-1');
  [her] = await addMembers(commune, group.id, 2);
  her = await updateMember(officer, her!.id, { fullName: NAME, phone: PHONE, address: ADDRESS });
  // She borrowed, repaid in full, saved and withdrew everything, was inspected at home, appeared
  // on the bank's list, was read by a leader and given her own data; then she left.
  const loan = await disbursedLoanOn(officer, leader, her, programmes.HN!, '10.000.000', daysAgo(400));
  await repayInFull(officer, loan.id, daysAgo(200));
  const account = await openSavingsAccount(officer, { memberId: her.id, schemeId: schemes.TKTV!.id, openedAt: daysAgo(300) });
  await postSavingsMovement(officer, account.id, 'DEPOSIT', { amount: '300.000', date: daysAgo(250) });
  await postSavingsMovement(officer, account.id, 'WITHDRAWAL', { amount: '300.000', date: daysAgo(60) });
  const inspection = await recordInspection(officer, {
    level: 'HOUSEHOLD', kind: 'SURPRISE', memberId: her.id, loanId: loan.id, date: daysAgo(150), inspectors: 'Đoàn kiểm tra xã', summary: `Hộ chị ${NAME} dùng vốn đúng mục đích`,
  });
  await addFindings(officer, inspection.id, {
    items: [{ item: 'purposeAsAgreed', passed: false, notes: `Chị ${NAME} chưa có sổ ghi chép`, followUp: { action: `Nhắc chị ${NAME} lập sổ`, owner: 'Tổ trưởng', dueDate: daysAgo(140) } }],
  });
  const statement = await db.bankStatement.create({ data: { orgUnitId: commune.id, month: daysAgo(200).slice(0, 7), fileName: 'nh.xlsx', uploadedById: officer.userId } });
  await db.bankStatementLine.create({
    data: {
      statementId: statement.id, rowNumber: 3, loanNumber: loan.number, borrowerName: NAME, nationalIdMasked: maskNationalId(her.nationalId),
      loanId: loan.id, memberId: her.id, outstanding: 0n,
    },
  });
  await readMember(leader, her.id, { via: 'API_RECORD', purpose: 'INSPECTION' });
  await subjectAccessExport(officer, her.id, 'xlsx');
  leftOn = daysAgo(50);
  await leaveMember(officer, her.id, { date: leftOn });
  summaryPeriod = { from: daysAgo(420), to: daysAgo(1) };
});

/** The day her ten years end: her last business day plus ten years (29/02 → 28/02). */
function tenYearsAfter(day: string): Date {
  const d = new Date(`${day}T00:00:00Z`);
  const end = new Date(Date.UTC(d.getUTCFullYear() + 10, d.getUTCMonth(), d.getUTCDate()));
  return end.getUTCMonth() === d.getUTCMonth() ? end : new Date(Date.UTC(d.getUTCFullYear() + 10, d.getUTCMonth() + 1, 0));
}
const vietnamNoon = (day: Date) => `${isoDate(day)}T05:00:00Z`;

describe('the retention period', () => {
  it('is ten years unless the union sets another, at least ten, by an administrator of the whole installation', async () => {
    expect(await retentionYears()).toBe(10);
    expect((await failure(setRetentionYears(officer, { years: 15 }))).code).toBe('FORBIDDEN');
    expect((await failure(setRetentionYears(provinceAdmin, { years: 5 })))).toMatchObject({ code: 'VALIDATION', fields: ['years'] });
    await setRetentionYears(provinceAdmin, { years: '12' });
    expect(await retentionYears()).toBe(12);
    await setRetentionYears(provinceAdmin, { years: 10 });
  });

  it('keeps her identity until the period ends, and refuses to erase it before, naming the day it can be', async () => {
    const end = tenYearsAfter(leftOn);
    setClock(vietnamNoon(new Date(end.getTime() - 86_400_000)));
    expect(await membersDueForAnonymisation(db, todayInVietnam(), 10)).not.toContain(her.id);
    const refused = await failure(eraseMember(officer, her.id));
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'privacy.erase.retained', params: { date: isoDate(end).split('-').reverse().join('/'), years: 10 } });
    expect((await db.member.findUniqueOrThrow({ where: { id: her.id } })).fullName).toBe(NAME);
    setClock(null);
  });
});

describe('anonymisation when the period has ended', () => {
  it('leaves no identifying value of hers in any column, keeps every report of those years byte-identical, and the audit chain whole', async () => {
    // Where each value is before: the search finds what there is to find.
    const heldIn = {
      [NAME]: 'Member.fullName', 'ha thi rieng tu thu': 'Member.searchName', [her.nationalId]: 'Member.nationalId',
      [maskNationalId(her.nationalId)]: 'BankStatementLine.nationalIdMasked', [PHONE]: 'Member.phone', [ADDRESS]: 'Member.address',
    };
    for (const [value, column] of Object.entries(heldIn)) expect(await columnsHolding(value), value).toContain(column);
    expect(await columnsHolding(NAME)).toEqual(expect.arrayContaining(['BankStatementLine.borrowerName', 'Inspection.summary', 'InspectionFinding.notes', 'FollowUp.action']));
    const identifying = Object.keys(heldIn);

    setClock(vietnamNoon(tenYearsAfter(leftOn)));
    const before = await summaryFiles(provinceAdmin);
    expect(await anonymiseDueMembers()).toBe(1);
    const after = await summaryFiles(provinceAdmin);
    expect(after).toEqual(before);

    for (const value of identifying) expect(await columnsHolding(value), value).toEqual([]);
    const member = await db.member.findUniqueOrThrow({ where: { id: her.id } });
    expect(member).toMatchObject({ fullName: pseudonymOf(her.id), birthYear: null, phone: null, address: null, nationalId: '', householdCategory: 'POOR', gender: 'FEMALE' });
    expect(member.anonymisedAt).not.toBeNull();
    const entry = await db.auditLog.findFirstOrThrow({ where: { entityId: her.id, action: 'member.anonymise' } });
    expect(entry.after).toEqual({ reason: 'RETENTION', fields: ['fullName', 'nationalId', 'phone', 'address', 'birthYear'] });
    expect((await verifyAuditChain()).problems).toEqual([]);
    // The job is done with her: the next night finds nobody, and her record can no longer be edited.
    expect(await anonymiseDueMembers()).toBe(0);
    expect((await failure(updateMember(officer, her.id, { phone: PHONE }))).key).toBe('privacy.anonymised');
    const consent = { purpose: 'LENDING_SAVINGS', action: 'GIVEN', date: isoDate(todayInVietnam()), reference: 'PĐY-1' } as const;
    expect((await failure(recordConsent(officer, her.id, consent))).key).toBe('privacy.anonymised');
    setClock(null);
  });
});

describe('her rights to erase and to restrict', () => {
  it('erases at once the identity of a member who left and never borrowed or saved; one still in her group must leave first', async () => {
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'AN-2');
    const [stays, added] = await addMembers(tree.communes[0]!, group.id, 2);
    const goes = await updateMember(officer, added!.id, { fullName: 'Lê Thị Xoá Ngay', phone: '0987000111' });
    expect((await failure(eraseMember(officer, stays!.id))).key).toBe('privacy.erase.stillMember');
    await leaveMember(officer, goes.id, { date: daysAgo(0) });
    expect((await failure(eraseMember(leader, goes.id))).code).toBe('FORBIDDEN');
    const erased = await eraseMember(officer, goes.id);
    expect(erased).toMatchObject({ fullName: pseudonymOf(goes.id), phone: null, nationalId: '' });
    for (const value of [goes.nationalId, 'Lê Thị Xoá Ngay', '0987000111']) expect(await columnsHolding(value), value).toEqual([]);
    expect((await db.auditLog.findFirstOrThrow({ where: { entityId: goes.id, action: 'member.anonymise' } })).after).toMatchObject({ reason: 'ERASURE' });
    expect((await failure(eraseMember(officer, goes.id))).key).toBe('privacy.erase.already');
    // The register's export lists people: an anonymised record is not one (and could not be imported back without a CCCD).
    const exported = Buffer.from(await streamToBuffer((await exportRegister(officer, 'members', 'csv')).stream)).toString('utf8');
    expect(exported).toContain(stays!.nationalId);
    expect(exported).not.toContain(pseudonymOf(goes.id));
  });

  it('a restricted member gets no new loan application or savings account, with a message naming the restriction; lifted, she does', async () => {
    const programmes = await ensureProgrammes();
    const schemes = await ensureSavingsSchemes();
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'AN-3');
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    expect((await failure(restrictProcessing(officer, member!.id, { reason: ' ' })))).toMatchObject({ code: 'VALIDATION', fields: ['reason'] });
    await restrictProcessing(officer, member!.id, { reason: 'Chị yêu cầu tại buổi họp tổ' });
    const application = { memberId: member!.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi', appliedAt: daysAgo(0) };
    const refused = await failure(applyForLoan(officer, application));
    expect(refused).toMatchObject({ code: 'VALIDATION', key: 'privacy.restriction.blocks', fields: ['memberId'] });
    expect((await failure(openSavingsAccount(officer, { memberId: member!.id, schemeId: schemes.TKTV!.id }))).key).toBe('privacy.restriction.blocks');
    expect(await db.loan.count({ where: { memberId: member!.id } })).toBe(0);
    await liftRestriction(officer, member!.id);
    expect((await applyForLoan(officer, application)).status).toBe('APPLIED');
    const actions = (await db.auditLog.findMany({ where: { entityId: member!.id }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['member.restrict', 'member.unrestrict']));
  });

  it('a restricted member\'s approved loan is not paid out (409 naming the loan), while her loan already out is still collected', async () => {
    const programmes = await ensureProgrammes();
    const group = await makeGroup(tree.communes[0]!, 'VBSP', 'AN-4');
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    const out = await disbursedLoanOn(officer, leader, member!, programmes.HN!, '6.000.000', daysAgo(60));
    const approved = await applyForLoan(officer, {
      memberId: member!.id, programmeId: programmes.HCN!.id, amount: '4.000.000', termMonths: 12, purpose: 'Trồng rau', appliedAt: daysAgo(3),
    });
    await appraiseLoan(officer, approved.id, {
      householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan', appraisedAt: daysAgo(2),
    });
    await approveLoan(leader, approved.id, { decidedAt: daysAgo(1) });
    await restrictProcessing(officer, member!.id, { reason: 'Chị yêu cầu tại buổi họp tổ' });
    const refused = await failure(disburseLoan(officer, approved.id, { date: isoDate(todayInVietnam()) }));
    expect(refused).toMatchObject({ code: 'CONFLICT', key: 'privacy.restriction.blocksDisbursement', params: { number: approved.number } });
    expect(await db.loan.findUniqueOrThrow({ where: { id: approved.id } })).toMatchObject({ status: 'APPROVED', disbursedAt: null });
    expect(await db.loanTransaction.count({ where: { loanId: approved.id } })).toBe(0);
    // Her loan already out is collected and reported as before.
    const repaid = await postRepayment(officer, out.id, { date: isoDate(todayInVietnam()), amount: '500.000' });
    expect(repaid.transaction.amount).toBe(500_000n);
  });
});
