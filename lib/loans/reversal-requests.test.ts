import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { setClock } from '@/lib/clock';
import { db, type Loan } from '@/lib/db';
import { failure } from '@/tests/factories/failure';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { useTestDatabase } from '@/tests/setup/test-database';
import { decideReversalRequest, listReversalRequests, postRepayment, requestReversal } from './index';

// Maker-checker corrections (issue 21, section 5): a commune officer asks for a wrong posting to be
// reversed; a leader approves (the posting is reversed, balances recomputed) or rejects with a note;
// nobody decides her own request.

useTestDatabase();

let officer: Actor;
let leader: Actor;
let province: Actor;
let loan: Loan;

beforeAll(async () => {
  setClock('2026-06-30');
  const tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  province = await actorFor('PROVINCE_OFFICER', tree.province);
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  loan = await disbursedLoanOn(officer, leader, member!, programmes.HN!, '10.000.000', '2026-02-10');
});
afterAll(() => setClock(null));

const outstanding = async () => (await db.loan.findUniqueOrThrow({ where: { id: loan.id } })).cachedOutstanding;

describe('reversal requests', () => {
  it('are asked by the officer and decided by a leader: rejected with a note, or approved and the posting reversed', async () => {
    const before = await outstanding();
    const { transaction: wrong } = await postRepayment(officer, loan.id, { date: '2026-03-10', amount: '2.000.000' });
    expect(await outstanding()).toBeLessThan(before);
    // The officer cannot reverse by herself, nor decide; she asks, once.
    const asked = await requestReversal(officer, loan.id, { transactionId: wrong.id, reason: 'Nhập nhầm số tiền (đúng là 200.000)' });
    expect((await failure(requestReversal(officer, loan.id, { transactionId: wrong.id, reason: 'lần nữa' }))).key).toBe('loans.reversalPending');
    expect((await failure(decideReversalRequest(officer, asked.id, { approve: true }))).code).toBe('FORBIDDEN');
    const waiting = await listReversalRequests(leader);
    expect(waiting.map((r) => [r.transaction.id, r.reason, r.requestedBy.fullName])).toEqual([[wrong.id, asked.reason, expect.any(String)]]);

    // Rejecting needs a note; then nothing is reversed.
    expect((await failure(decideReversalRequest(leader, asked.id, { approve: false }))).fields).toContain('note');
    await decideReversalRequest(leader, asked.id, { approve: false, note: 'Đã đối chiếu biên lai: số tiền đúng' });
    expect((await db.loanTransaction.findUniqueOrThrow({ where: { id: wrong.id } })).reversedAt).toBeNull();
    expect((await failure(decideReversalRequest(leader, asked.id, { approve: true }))).key).toBe('loans.reversalDecided');

    // Asked again, and approved: the posting is reversed and the balance is what it was.
    const again = await requestReversal(officer, loan.id, { transactionId: wrong.id, reason: 'Biên lai ghi 200.000' });
    await decideReversalRequest(leader, again.id, { approve: 'true' });
    expect((await db.loanTransaction.findUniqueOrThrow({ where: { id: wrong.id } })).reversalReason).toBe('Biên lai ghi 200.000');
    expect(await outstanding()).toBe(before);
    expect((await listReversalRequests(leader)).length).toBe(0);
    expect((await listReversalRequests(leader, { status: 'ALL', loanId: loan.id })).map((r) => r.status)).toEqual(['REJECTED', 'APPROVED']);
    const actions = (await db.auditLog.findMany({ where: { action: { startsWith: 'loan.reversal' } }, orderBy: { id: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['loan.reversal.request', 'loan.reversal.reject', 'loan.reversal.request', 'loan.reversal', 'loan.reversal.approve']);
  });

  it('are never decided by the one who asked', async () => {
    const { transaction } = await postRepayment(officer, loan.id, { date: '2026-04-10', amount: '500.000' });
    const own = await requestReversal(province, loan.id, { transactionId: transaction.id, reason: 'Trùng phiếu thu' });
    expect((await failure(decideReversalRequest(province, own.id, { approve: true }))).key).toBe('loans.ownReversalRequest');
    expect((await decideReversalRequest(leader, own.id, { approve: true })).status).toBe('APPROVED');
  });
});
