import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan, getLoan, postRepayment, rejectLoan, reverseTransaction } from './index';
import { refreshOpenLoans } from './loan-figures';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
let programmes: Awaited<ReturnType<typeof ensureProgrammes>>;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  programmes = await ensureProgrammes();
});

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${error.messageKey}`;
    throw error;
  }
  throw new Error('expected a failure');
}

async function member() {
  const group = await makeGroup(tree.communes[0]!);
  return (await addMembers(tree.communes[0]!, group.id, 1))[0]!;
}

/** A 12-month, 10.000.000 ₫ poor-household loan disbursed `monthsBack` months ago. */
async function disbursedLoan(monthsBack: number) {
  const m = await member();
  const loan = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 12, purpose: 'Chăn nuôi lợn', appliedAt: monthsAgo(monthsBack) });
  await approveLoan(leader, loan.id, { decidedAt: monthsAgo(monthsBack) });
  await disburseLoan(officer, loan.id, { date: monthsAgo(monthsBack) });
  return loan;
}

describe('loan lifecycle', () => {
  it('application → approval by another user → disbursement → repayments', async () => {
    const m = await member();
    const loan = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 12, purpose: 'Nuôi bò', appliedAt: daysAgo(5) });
    expect(loan).toMatchObject({ status: 'APPLIED', round: 1, amountRequested: 10_000_000n, householdCategory: 'POOR' });
    expect(loan.number).toMatch(new RegExp(`^${tree.communes[0]!.code}-\\d{4}-\\d{5}$`));
    const sameUser = await actorFor('PROVINCE_OFFICER', tree.province);
    const ownLoan = await applyForLoan(sameUser, { memberId: m.id, programmeId: programmes.HCN!.id, amount: '5000000', termMonths: 12, purpose: 'X' });
    expect(await failure(approveLoan(sameUser, ownLoan.id, { decidedAt: daysAgo(1) }))).toBe('FORBIDDEN:loans.fourEyes');
    await approveLoan(leader, loan.id, { decidedAt: daysAgo(4), amount: '8.000.000' });
    expect(await failure(disburseLoan(officer, loan.id, { date: daysAgo(3), amount: '9.000.000' }))).toBe('VALIDATION:loans.disburseAboveApproved');
    const disbursed = await disburseLoan(officer, loan.id, { date: daysAgo(3) });
    expect(disbursed).toMatchObject({ status: 'DISBURSED', amountDisbursed: 8_000_000n });
    const { schedule } = await getLoan(officer, loan.id);
    expect(schedule).toHaveLength(12);
    expect(schedule.reduce((s, i) => s + i.principal, 0n)).toBe(8_000_000n);
    expect(await db.auditLog.count({ where: { entityId: loan.id, action: { in: ['loan.apply', 'loan.approve', 'loan.disburse'] } } })).toBe(3);
  });

  it('a revolving-fund loan needs a passed appraisal before approval; round 2 is counted', async () => {
    const m = await member();
    const first = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.QQV!.id, amount: '10000000', termMonths: 12, purpose: 'Buôn bán' });
    expect(await failure(approveLoan(leader, first.id, { decidedAt: daysAgo(0) }))).toBe('CONFLICT:loans.appraisalRequired');
    await appraiseLoan(officer, first.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan', appraisedAt: daysAgo(0) });
    expect((await approveLoan(leader, first.id, { decidedAt: daysAgo(0) })).status).toBe('APPROVED');
    const second = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.QQV!.id, amount: '10000000', termMonths: 12, purpose: 'Vòng 2' });
    expect(second.round).toBe(2);
    await rejectLoan(leader, second.id, { reason: 'Chưa trả xong vòng 1', decidedAt: daysAgo(0) });
    expect((await applyForLoan(officer, { memberId: m.id, programmeId: programmes.QQV!.id, amount: '5000000', termMonths: 12, purpose: 'Lại' })).round).toBe(2);
  });

  it('refuses amounts and terms outside the programme, naming the field', async () => {
    const m = await member();
    expect(await failure(applyForLoan(officer, { memberId: m.id, programmeId: programmes.QQV!.id, amount: '20.000.000', termMonths: 12, purpose: 'X' }))).toBe('VALIDATION:loans.amountRange');
    expect(await failure(applyForLoan(officer, { memberId: m.id, programmeId: programmes.QQV!.id, amount: '1,5 triệu', termMonths: 12, purpose: 'X' }))).toBe('VALIDATION:errors.validation');
  });
});

describe('repayments', () => {
  it('a late instalment shows overdue, then current once paid', async () => {
    const loan = await disbursedLoan(2);
    const before = await getLoan(officer, loan.id);
    expect(before.state!.overduePrincipal).toBe(833_333n);
    expect(before.state!.daysPastDue).toBeGreaterThan(0);
    const owed = before.state!.overdueInterest + before.state!.accruedInterest + before.state!.overduePrincipal;
    const { transaction } = await postRepayment(officer, loan.id, { date: daysAgo(0), amount: owed.toString() });
    expect(transaction.principal).toBe(833_333n);
    const after = await getLoan(officer, loan.id);
    expect(after.state).toMatchObject({ overduePrincipal: 0n, daysPastDue: 0, outstandingPrincipal: 10_000_000n - 833_333n });
    expect((await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).cachedDaysPastDue).toBe(0);
  });

  it('refuses more than is payable, writing nothing, and never posts the same key twice', async () => {
    const loan = await disbursedLoan(1);
    expect(await failure(postRepayment(officer, loan.id, { date: daysAgo(0), amount: '50.000.000' }))).toBe('VALIDATION:loans.overpayment');
    expect(await db.loanTransaction.count({ where: { loanId: loan.id, kind: 'REPAYMENT' } })).toBe(0);
    await postRepayment(officer, loan.id, { date: daysAgo(0), amount: '100.000', idempotencyKey: 'sheet-1' });
    const again = await postRepayment(officer, loan.id, { date: daysAgo(0), amount: '100.000', idempotencyKey: 'sheet-1' });
    expect(again.replayed).toBe(true);
    // The same key with another amount or another day is another repayment: 422 naming the key (issue 22 §6).
    expect(await failure(postRepayment(officer, loan.id, { date: daysAgo(0), amount: '200.000', idempotencyKey: 'sheet-1' }))).toBe('VALIDATION:errors.idempotencyMismatch');
    expect(await failure(postRepayment(officer, loan.id, { date: daysAgo(1), amount: '100.000', idempotencyKey: 'sheet-1' }))).toBe('VALIDATION:errors.idempotencyMismatch');
    expect(await db.loanTransaction.count({ where: { loanId: loan.id, kind: 'REPAYMENT' } })).toBe(1);
  });

  it('a retried single disbursement with its key answers the disbursed loan and pays out once; another amount or day is 422', async () => {
    const m = await member();
    const loan = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '10.000.000', termMonths: 12, purpose: 'Trồng rau', appliedAt: daysAgo(3) });
    await approveLoan(leader, loan.id, { decidedAt: daysAgo(2) });
    const first = await disburseLoan(officer, loan.id, { date: daysAgo(1), amount: '8.000.000', idempotencyKey: 'disb-1' });
    const again = await disburseLoan(officer, loan.id, { date: daysAgo(1), amount: '8.000.000', idempotencyKey: 'disb-1' });
    expect(again).toMatchObject({ id: loan.id, status: 'DISBURSED', amountDisbursed: 8_000_000n });
    expect(again.disbursedAt).toEqual(first.disbursedAt);
    expect(await failure(disburseLoan(officer, loan.id, { date: daysAgo(1), amount: '9.000.000', idempotencyKey: 'disb-1' }))).toBe('VALIDATION:errors.idempotencyMismatch');
    expect(await failure(disburseLoan(officer, loan.id, { date: daysAgo(0), amount: '8.000.000', idempotencyKey: 'disb-1' }))).toBe('VALIDATION:errors.idempotencyMismatch');
    // Without its key a second disbursement is refused by the loan's state, as before.
    expect(await failure(disburseLoan(officer, loan.id, { date: daysAgo(1), amount: '8.000.000' }))).toMatch(/^CONFLICT:/);
    expect(await db.loanTransaction.count({ where: { loanId: loan.id, kind: 'DISBURSEMENT' } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'loan.disburse', entityId: loan.id } })).toBe(1);
  });

  it('a reversal marks the payment reversed and the balance returns', async () => {
    const loan = await disbursedLoan(2);
    const { transaction } = await postRepayment(officer, loan.id, { date: daysAgo(0), amount: '1.000.000' });
    const paid = await getLoan(officer, loan.id);
    await reverseTransaction(leader, loan.id, { transactionId: transaction.id, reason: 'Nhập nhầm số tiền' });
    const reversed = await getLoan(officer, loan.id);
    expect(reversed.state!.outstandingPrincipal).toBeGreaterThan(paid.state!.outstandingPrincipal);
    expect(reversed.state!.overduePrincipal).toBe(833_333n);
    expect((await db.loanTransaction.findUniqueOrThrow({ where: { id: transaction.id } })).reversalReason).toBe('Nhập nhầm số tiền');
    expect(await failure(reverseTransaction(leader, loan.id, { transactionId: transaction.id, reason: 'lần 2' }))).toBe('CONFLICT:loans.alreadyReversed');
  });

  it('20 repayments posted at once never over-collect or lose a payment', async () => {
    const loan = await disbursedLoan(1);
    const { state } = await getLoan(officer, loan.id);
    const payable = state!.accruedInterest + state!.overdueInterest + state!.outstandingPrincipal;
    const each = payable / 15n;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => postRepayment(officer, loan.id, { date: daysAgo(0), amount: each.toString() })));
    const posted = results.filter((r) => r.status === 'fulfilled').length;
    const rows = await db.loanTransaction.findMany({ where: { loanId: loan.id, kind: 'REPAYMENT' } });
    expect(rows).toHaveLength(posted);
    expect(posted).toBe(15);
    const collected = rows.reduce((s, r) => s + r.principal + r.interest + r.overdueInterest, 0n);
    expect(collected).toBe(each * 15n);
    expect(collected).toBeLessThanOrEqual(payable);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AppError);
  });

  it('a bank liaison can read loans but not post', async () => {
    const loan = await disbursedLoan(1);
    const liaison = await actorFor('BANK_LIAISON', tree.districts[0]!);
    expect((await getLoan(liaison, loan.id)).loan.id).toBe(loan.id);
    expect(await failure(postRepayment(liaison, loan.id, { date: daysAgo(0), amount: '1000' }))).toBe('FORBIDDEN:errors.forbidden');
    const outsider = await actorFor('COMMUNE_OFFICER', tree.communes[2]!);
    expect(await failure(getLoan(outsider, loan.id))).toBe('NOT_FOUND:errors.notFound');
  });
});

describe('cached balances', () => {
  it('a list reads the cache and says as of when; the nightly refresh brings loans that aged without postings up to today', async () => {
    const loan = await disbursedLoan(2);
    const yearAgo = parseDateOnly(daysAgo(365))!;
    await db.loan.update({ where: { id: loan.id }, data: { cachedDaysPastDue: 0, cachedOverdue: 0n, cachedAsOf: yearAgo } });
    const { listLoans } = await import('./list-loans');
    // Reads never write: the stale figures are shown, with the day they are as of.
    const before = await listLoans(officer, { memberId: loan.memberId });
    expect(before.loans.find((l) => l.id === loan.id)!.cachedOverdue).toBe(0n);
    expect(before.figuresAsOf).toEqual(yearAgo);
    expect((await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).cachedAsOf).toEqual(yearAgo);
    // The nightly job's refresh: the first instalment of this 12-month 10.000.000 ₫ loan (833.333 ₫) fell due a month ago, unpaid.
    expect(await refreshOpenLoans()).toBeGreaterThanOrEqual(1);
    const { loans, figuresAsOf } = await listLoans(officer, { overdue: 'any' });
    expect(loans.find((l) => l.id === loan.id)!.cachedOverdue).toBe(833_333n);
    expect(figuresAsOf).toEqual(todayInVietnam());
  });
});

describe('batch disbursement', () => {
  it('disburses every approved loan of a group on one date, and refuses when none is approved', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const members = await addMembers(tree.communes[0]!, group.id, 3);
    const loans = [];
    for (const m of members) {
      const loan = await applyForLoan(officer, { memberId: m.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Trồng rau', appliedAt: daysAgo(3) });
      await approveLoan(leader, loan.id, { decidedAt: daysAgo(2) });
      loans.push(loan);
    }
    const { disburseGroup } = await import('./disburse-group');
    const disbursed = await disburseGroup(officer, group.id, { date: daysAgo(1) });
    expect(disbursed.map((l) => l.status)).toEqual(['DISBURSED', 'DISBURSED', 'DISBURSED']);
    expect(await db.loanTransaction.count({ where: { loanId: { in: loans.map((l) => l.id) }, kind: 'DISBURSEMENT' } })).toBe(3);
    expect(await failure(disburseGroup(officer, group.id, { date: daysAgo(0) }))).toBe('CONFLICT:loans.nothingToDisburse');
  });
});

describe('loans follow their borrower', () => {
  it('a transfer is refused while she has an open loan, unless the loan moves with her; leaving is refused', async () => {
    const { transferMember, leaveMember } = await import('@/lib/members');
    const loan = await disbursedLoan(1);
    const target = await makeGroup(tree.communes[0]!);
    expect(await failure(transferMember(officer, loan.memberId, { groupId: target.id, date: daysAgo(0) }))).toBe('CONFLICT:members.openLoans');
    expect(await failure(leaveMember(officer, loan.memberId, { date: daysAgo(0) }))).toBe('CONFLICT:members.openLoansLeave');
    await transferMember(officer, loan.memberId, { groupId: target.id, date: daysAgo(0), moveLoans: 'true' });
    expect((await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).groupId).toBe(target.id);
  });

  it('merging groups moves the open loans to the survivor', async () => {
    const { mergeGroups } = await import('@/lib/groups');
    const loan = await disbursedLoan(1);
    const survivor = await makeGroup(tree.communes[0]!);
    await mergeGroups(officer, { survivorId: survivor.id, mergedId: loan.groupId, date: daysAgo(0) });
    expect((await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).groupId).toBe(survivor.id);
  });
});

describe('decisions and corrections', () => {
  it('a decision cannot be dated before a posted repayment nor in the future', async () => {
    const { freezeLoan, extendInstalment } = await import('./risk-events');
    const loan = await disbursedLoan(2);
    await postRepayment(officer, loan.id, { date: daysAgo(0), amount: '100.000' });
    const decision = { decisionNo: '12/QĐ', decisionDate: daysAgo(0), approver: 'Trưởng ban' };
    expect(await failure(freezeLoan(leader, loan.id, { ...decision, date: daysAgo(10) }))).toBe('VALIDATION:loans.backdated');
    expect(await failure(freezeLoan(leader, loan.id, { ...decision, date: daysAgo(-3) }))).toBe('VALIDATION:errors.validation');
    expect(await failure(extendInstalment(leader, loan.id, { ...decision, instalmentNo: 1, newDueDate: monthsAgo(3) }))).toBe('VALIDATION:loans.extensionNotLater');
  });

  it('a mistyped disbursement is reversed only while nothing else was posted, and the loan is approved again', async () => {
    const loan = await disbursedLoan(1);
    const disbursement = await db.loanTransaction.findFirstOrThrow({ where: { loanId: loan.id, kind: 'DISBURSEMENT' } });
    await reverseTransaction(leader, loan.id, { transactionId: disbursement.id, reason: 'Sai số tiền' });
    expect(await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).toMatchObject({ status: 'APPROVED', amountDisbursed: null });
    const other = await disbursedLoan(1);
    await postRepayment(officer, other.id, { date: daysAgo(0), amount: '10.000' });
    const first = await db.loanTransaction.findFirstOrThrow({ where: { loanId: other.id, kind: 'DISBURSEMENT' } });
    expect(await failure(reverseTransaction(leader, other.id, { transactionId: first.id, reason: 'x' }))).toBe('CONFLICT:loans.reverseDisbursement');
  });
});
