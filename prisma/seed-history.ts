import { loadActor } from '@/lib/auth/load-actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { db } from '@/lib/db';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { addDays } from '@/lib/loans/engine/dates';
import { recordConsent } from '@/lib/members/consent';
import { openSavingsAccount, postSavingsMovement } from '@/lib/savings';
import { DEMO_MEETING_DAYS, demoMeetings } from './seed-dates';

// Demo history for group TK-03 of Yên Khang (30 members, meeting on the 5th): a poor-household loan
// and a member savings account each, disbursed at the meeting four back from today's latest; the
// sheets of the next two meetings are saved (two members paid nothing at the second: they are
// overdue), the sheets of the last two meetings are open (prisma/seed-dates.ts).
// Twelve of them also save in the chapter pool of their chapter. QQV-01's eighth member withdrew her
// consent to sharing her data with the bank.
// Everything goes through the services, so the demo ledger is exactly what users would produce.

export const HISTORY_GROUP = { code: 'TK-03', name: 'Tổ TK&VV xóm 3', kind: 'VBSP' as const, members: 30, meetingDay: DEMO_MEETING_DAYS['TK-03'] };

export async function seedLoanHistory() {
  const officer = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'xa.yk' } })).id))!;
  const approver = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const commune = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NB-YK' } });
  const group = await db.group.findFirstOrThrow({ where: { orgUnitId: commune.id, code: HISTORY_GROUP.code }, include: { members: { orderBy: { code: 'asc' } } } });
  const programme = await db.programme.findUniqueOrThrow({ where: { code: 'HN' } });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const meetings = demoMeetings('TK-03', todayInVietnam());
  const disbursed = meetings.disbursedOn;
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
  for (const [index, month] of meetings.savedMonths.entries()) {
    const sheet = await getCollectionSheet(officer, group.id, month);
    const late = index === 1 ? new Set(sheet.rows.slice(-2).map((r) => r.member.id)) : new Set<string>();
    const rows = sheet.rows.map((r) => ({
      memberId: r.member.id,
      attended: !late.has(r.member.id),
      loans: r.loans.map((l) => ({ loanId: l.loanId, amount: late.has(r.member.id) ? '0' : l.due.toString() })),
      savings: r.savings.map((s) => ({ accountId: s.accountId, amount: late.has(r.member.id) ? '0' : s.expected.toString() })),
    }));
    await saveCollectionSheet(officer, group.id, { month, rows, idempotencyKey: `seed-${month}` });
  }
  // An application waiting for a decision: a near-poor household loan of QQV-01's seventh member.
  const fundGroup = await db.group.findFirstOrThrow({ where: { orgUnitId: commune.id, code: 'QQV-01' }, include: { members: { orderBy: { code: 'asc' } } } });
  const nearPoor = await db.programme.findUniqueOrThrow({ where: { code: 'HCN' } });
  await applyForLoan(officer, { memberId: fundGroup.members[6]!.id, programmeId: nearPoor.id, amount: '15.000.000', termMonths: 24, purpose: 'Mở quán tạp hóa', appliedAt: isoDate(todayInVietnam()) });
  // A withdrawal (decision 024): QQV-01's eighth member withdrew her consent to sharing her data with
  // the bank ten days ago. She may still borrow from the union's revolving fund, not from the bank's programmes.
  await recordConsent(officer, fundGroup.members[7]!.id, {
    purpose: 'BANK_SHARING', action: 'WITHDRAWN', date: isoDate(addDays(todayInVietnam(), -10)), method: 'PAPER_FORM', reference: 'Đơn rút lại số 01 (mẫu)',
  });
}
