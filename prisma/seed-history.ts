import { loadActor } from '@/lib/auth/load-actor';
import { monthOf, todayInVietnam } from '@/lib/calendar/date-only';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { db } from '@/lib/db';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';

// Demo history for group TK-03 of Yên Khang (30 members): a poor-household loan and a member
// savings account each, disbursed four months ago; the sheets of the next two months are saved
// (two members paid nothing the second month: they show as overdue), last month's sheet is open.
// Twelve of them also save in the chapter pool of their chapter.
// Everything goes through the services, so the demo ledger is exactly what users would produce.

export const HISTORY_GROUP = { code: 'TK-03', name: 'Tổ TK&VV xóm 3', kind: 'VBSP' as const, members: 30, meetingDay: 5 };

export async function seedLoanHistory() {
  const officer = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'xa.yk' } })).id))!;
  const approver = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const commune = await db.orgUnit.findUniqueOrThrow({ where: { code: 'ND-YY-YK' } });
  const group = await db.group.findFirstOrThrow({ where: { orgUnitId: commune.id, code: HISTORY_GROUP.code }, include: { members: { orderBy: { code: 'asc' } } } });
  const programme = await db.programme.findUniqueOrThrow({ where: { code: 'HN' } });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const today = todayInVietnam();
  const disbursed = `${monthOf(today, -4)}-${String(HISTORY_GROUP.meetingDay).padStart(2, '0')}`;
  for (const [i, member] of group.members.entries()) {
    const amount = `${10 + (i % 5) * 5}.000.000`;
    const loan = await applyForLoan(officer, { memberId: member.id, programmeId: programme.id, amount, termMonths: 36, purpose: i % 2 ? 'Chăn nuôi lợn' : 'Trồng rau màu', appliedAt: disbursed });
    await approveLoan(approver, loan.id, { decidedAt: disbursed });
    await disburseLoan(officer, loan.id, { date: disbursed, idempotencyKey: `seed-${member.code}` });
    await openSavingsAccount(officer, { memberId: member.id, schemeId: scheme.id, openedAt: disbursed });
  }
  // The chapter savings pool: 12 of the chapter's 40 union members save (30,00 %).
  const pool = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKCH' } });
  await db.orgUnit.update({ where: { id: group.chapterId! }, data: { unionMemberCount: 40 } });
  for (const member of group.members.slice(0, 12)) {
    const account = await openSavingsAccount(officer, { memberId: member.id, schemeId: pool.id, openedAt: disbursed });
    await postSavingsMovement(officer, account.id, 'DEPOSIT', { date: disbursed, amount: '100.000', idempotencyKey: `seed-${member.code}` });
  }
  for (const shift of [-3, -2]) {
    const month = monthOf(today, shift);
    const sheet = await getCollectionSheet(officer, group.id, month);
    const late = shift === -2 ? new Set(sheet.rows.slice(-2).map((r) => r.member.id)) : new Set<string>();
    const rows = sheet.rows.map((r) => ({
      memberId: r.member.id,
      attended: !late.has(r.member.id),
      loans: r.loans.map((l) => ({ loanId: l.loanId, amount: late.has(r.member.id) ? '0' : l.due.toString() })),
      savings: r.savings.map((s) => ({ accountId: s.accountId, amount: late.has(r.member.id) ? '0' : s.expected.toString() })),
    }));
    await saveCollectionSheet(officer, group.id, { month, rows, idempotencyKey: `seed-${month}` });
  }
}
