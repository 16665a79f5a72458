import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup, nextNationalId } from '@/tests/factories/registers';
import { ensureProgrammes } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { setClock } from '@/lib/clock';
import { db, type Programme } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { postAllocation, requestSettlement } from '@/lib/fund';
import { createGroup } from '@/lib/groups/create-group';
import { recordInspection } from '@/lib/inspections/record-inspection';
import { translateError } from '@/lib/i18n/translate';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan, postRepayment, rejectLoan } from '@/lib/loans';
import { freezeLoan } from '@/lib/loans/risk-events';
import { previewReorganisation } from '@/lib/org/reorganisation/apply';
import { createMember } from '@/lib/members/create-member';
import { openSavingsAccount } from '@/lib/savings/manage-accounts';
import { postSavingsMovement } from '@/lib/savings/post-movement';
import { seedSavingsSchemes } from '@/lib/savings/seed-schemes';

// Issue 22 §5: every date of something that happened is refused after today (lib/clock), with the
// field named in the message and nothing saved; today itself is accepted. One rule: `pastDate`.

useTestDatabase();

const TODAY = '2026-12-06';
const TOMORROW = '2026-12-07';
const EARLIER = '2026-11-02';

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
let province: Actor;
let programmes: Record<string, Programme>;
let schemeId: string;

beforeAll(async () => {
  setClock(TODAY);
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  programmes = await ensureProgrammes();
  await db.$transaction((tx) => seedSavingsSchemes(tx));
  schemeId = (await db.savingsScheme.findFirstOrThrow({ where: { code: 'TKTV' } })).id;
  await postAllocation(province, { orgUnitId: tree.communes[0]!.id, kind: 'ALLOCATE', date: EARLIER, amount: '100.000.000' });
});
afterAll(() => setClock(null));

async function member() {
  const group = await makeGroup(tree.communes[0]!);
  return (await addMembers(tree.communes[0]!, group.id, 1))[0]!;
}
const application = async () =>
  applyForLoan(officer, { memberId: (await member()).id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 12, purpose: 'Nuôi bò', appliedAt: EARLIER });
const approved = async () => {
  const loan = await application();
  await approveLoan(leader, loan.id, { decidedAt: EARLIER });
  return loan;
};
const disbursed = async () => {
  const loan = await approved();
  await disburseLoan(officer, loan.id, { date: EARLIER });
  return loan;
};
const appraisal = { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan' };
const decision = { decisionNo: '12/QĐ', approver: 'Trưởng ban' };

/** How many rows the input would have written: the same before and after a refusal. */
const counts = async () => ({
  loans: await db.loan.count(),
  loanStates: await db.loan.groupBy({ by: ['status'], _count: true }).then((g) => JSON.stringify(g.sort((a, b) => a.status.localeCompare(b.status)))),
  transactions: await db.loanTransaction.count(),
  allocations: await db.fundAllocation.count(),
  savings: await db.savingsAccount.count(),
  savingsMovements: await db.savingsTransaction.count(),
  inspections: await db.inspection.count(),
  members: await db.member.count(),
  groups: await db.group.count(),
  settlements: await db.fundSettlement.count(),
  audit: await db.auditLog.count(),
});

interface Case {
  what: string;
  field: string;
  label: string;
  /** Prepares the target (outside the counted part), returns the call with a given date. */
  prepare: () => Promise<(date: string) => Promise<unknown>>;
}

const cases: Case[] = [
  { what: 'loan application', field: 'appliedAt', label: 'Ngày đề nghị', prepare: async () => {
    const m = await member();
    return (date) => applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 12, purpose: 'Nuôi bò', appliedAt: date });
  } },
  { what: 'appraisal', field: 'appraisedAt', label: 'Ngày thẩm định', prepare: async () => {
    const loan = await application();
    return (date) => appraiseLoan(officer, loan.id, { ...appraisal, appraisedAt: date });
  } },
  { what: 'approval', field: 'decidedAt', label: 'Ngày quyết định', prepare: async () => {
    const loan = await application();
    return (date) => approveLoan(leader, loan.id, { decidedAt: date });
  } },
  { what: 'rejection', field: 'decidedAt', label: 'Ngày quyết định', prepare: async () => {
    const loan = await application();
    return (date) => rejectLoan(leader, loan.id, { reason: 'Không đủ điều kiện', decidedAt: date });
  } },
  { what: 'disbursement', field: 'date', label: 'Ngày', prepare: async () => {
    const loan = await approved();
    return (date) => disburseLoan(officer, loan.id, { date });
  } },
  { what: 'repayment', field: 'date', label: 'Ngày', prepare: async () => {
    const loan = await disbursed();
    return (date) => postRepayment(officer, loan.id, { date, amount: '100.000' });
  } },
  { what: 'freeze decision date', field: 'decisionDate', label: 'Ngày quyết định', prepare: async () => {
    const loan = await disbursed();
    return (date) => freezeLoan(leader, loan.id, { ...decision, decisionDate: date, date: TODAY });
  } },
  { what: 'fund allocation', field: 'date', label: 'Ngày', prepare: async () => async (date) =>
    postAllocation(province, { orgUnitId: tree.communes[0]!.id, kind: 'ALLOCATE', date, amount: '1.000.000' }) },
  { what: 'savings account opened', field: 'openedAt', label: 'Ngày mở sổ', prepare: async () => {
    const m = await member();
    return (date) => openSavingsAccount(officer, { memberId: m.id, schemeId, openedAt: date });
  } },
  { what: 'savings deposit', field: 'date', label: 'Ngày', prepare: async () => {
    const account = await openSavingsAccount(officer, { memberId: (await member()).id, schemeId, openedAt: EARLIER });
    return (date) => postSavingsMovement(officer, account.id, 'DEPOSIT', { date, amount: '300.000' });
  } },
  { what: 'inspection', field: 'date', label: 'Ngày', prepare: async () => {
    const m = await member();
    return (date) => recordInspection(leader, { level: 'HOUSEHOLD', kind: 'PERIODIC', memberId: m.id, date, inspectors: 'Đoàn huyện' });
  } },
  { what: 'member joined', field: 'joinedAt', label: 'Ngày vào tổ', prepare: async () => {
    const group = await makeGroup(tree.communes[0]!);
    return (date) => createMember(officer, {
      orgUnitId: tree.communes[0]!.id, groupId: group.id, fullName: 'Lê Thị Hoa', gender: 'FEMALE', nationalId: nextNationalId(), householdCategory: 'POOR', joinedAt: date,
    });
  } },
  { what: 'group founding decision', field: 'foundingDecisionDate', label: 'Ngày quyết định thành lập', prepare: async () => {
    let n = 0;
    return (date) => createGroup(officer, { orgUnitId: tree.communes[0]!.id, code: `FD-${(n += 1)}-${date.slice(8)}`, name: 'Tổ mới', programmeKind: 'VBSP', foundingDecisionDate: date });
  } },
  { what: 'reorganisation decision (it may take effect later)', field: 'decisionDate', label: 'Ngày quyết định', prepare: async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const commune = tree.communes[1]!;
    return (date) => previewReorganisation(admin, {
      decisionNo: '99/NQ-TEST', decisionDate: date, effectiveOn: '2026-12-31', rows: [{ oldCode: commune.code, newCode: commune.code, newName: 'Xã Đổi Tên' }],
    });
  } },
  { what: 'settlement request', field: 'requestDate', label: 'Ngày đề nghị', prepare: async () => async (date) =>
    requestSettlement(officer, { orgUnitId: tree.communes[0]!.id, requestDate: date, reason: 'Xin rút khỏi Quỹ', documentRef: 'BB 01' }) },
];

describe('dates of facts are not after today (issue 22 §5)', () => {
  it.each(cases)('$what: tomorrow is refused naming $field, nothing saved; today is accepted', async ({ field, label, prepare }) => {
    const call = await prepare();
    const before = await counts();
    const error = await call(TOMORROW).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const refused = error as AppError;
    expect(refused.code).toBe('VALIDATION');
    expect(Object.keys(refused.fields)).toEqual([field]);
    expect(refused.fields[field]).toMatchObject({ key: 'validation.notAfterToday', params: { today: '06/12/2026' } });
    expect(translateError('vi', refused).fields[field]).toBe(`${label} không được sau hôm nay (06/12/2026).`);
    expect(await counts()).toEqual(before);
    await expect(call(TODAY)).resolves.toBeTruthy();
  });
});
