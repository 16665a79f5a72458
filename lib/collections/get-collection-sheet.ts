import type { Actor } from '@/lib/auth/actor';
import { BANK_SAVINGS_KINDS, seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { payableOn } from '@/lib/loans/engine/ledger';
import { loanStateOn } from '@/lib/loans/loan-figures';
import { balanceOf, depositsInMonth } from '@/lib/savings/balance';
import { latestMeetingMonth, sheetDate } from './meeting-dates';
import { monthSchema } from './schemas';

/**
 * The sheet of a group for a month (by default the month of its latest meeting): per active member,
 * what each open loan asks at the collection day (interest to date, overdue and due principal) and
 * the savings expected, prefilled; or, once saved, what was collected. A meeting still to come
 * (`upcoming`) has nothing to collect yet.
 */
export async function getCollectionSheet(actor: Actor, groupId: string, requestedMonth?: string) {
  assertCan(actor, 'loan:read');
  const group = await findGroupInScope(actor, groupId);
  const today = todayInVietnam();
  const month = requestedMonth ? parseInput(monthSchema, requestedMonth) : latestMeetingMonth(group.meetingDay, today);
  const date = sheetDate(month, group.meetingDay);
  const saved = await db.collectionSheet.findUnique({ where: { groupId_month: { groupId: group.id, month } }, include: { rows: true } });
  // A saved sheet still shows what was due at the meeting: its own postings are left out of the
  // figures, and the loans it paid off are kept on it.
  const postedBySheet = new Set(saved?.rows.flatMap((r) => r.loanTransactionIds) ?? []);
  const savedDeposits = new Set(saved?.rows.flatMap((r) => r.savingsTransactionIds) ?? []);
  const onSheet = { OR: [{ status: { in: ['DISBURSED' as const, 'FROZEN' as const] } }, { transactions: { some: { id: { in: [...postedBySheet] } } } }] };
  // A bank liaison reads the bank's part of the sheet: VBSP loans, savings through the group for the bank.
  const bankOnly = seesBankBusinessOnly(actor);
  const members = await db.member.findMany({
    where: { groupId: group.id, status: 'ACTIVE' },
    orderBy: [{ sortKey: 'asc' }, { id: 'asc' }],
    include: {
      loans: {
        where: { groupId: group.id, ...onSheet, ...(bankOnly ? { programme: { fundSource: 'VBSP' as const } } : {}) },
        include: { programme: { include: { rates: true } }, transactions: true },
      },
      savingsAccounts: { where: bankOnly ? { scheme: { kind: { in: [...BANK_SAVINGS_KINDS] } } } : {}, include: { scheme: true, transactions: true } },
    },
  });
  // Everything below is computed from what was loaded above: no query per member.
  const rows = members.map((member) => ({
      member: { id: member.id, fullName: member.fullName, code: member.code },
      loans: member.loans.map((loan) => {
        const state = loanStateOn({ ...loan, transactions: loan.transactions.filter((t) => !postedBySheet.has(t.id)) }, date);
        const due = payableOn(state);
        return {
          loanId: loan.id,
          number: loan.number,
          programme: loan.programme.code,
          interestDue: state.accruedInterest + state.overdueInterest,
          principalDue: due - state.accruedInterest - state.overdueInterest,
          overdue: state.overduePrincipal + state.overdueInterest,
          outstanding: state.outstandingPrincipal,
          due,
        };
      }),
      savings: member.savingsAccounts.map((account) => {
        // What was expected at the meeting: the deposits the saved sheet itself posted do not count against it.
        const deposited = depositsInMonth(account.transactions.filter((t) => !savedDeposits.has(t.id)), date);
        const expected = deposited >= account.scheme.minMonthlyDeposit ? 0n : account.scheme.minMonthlyDeposit - deposited;
        return { accountId: account.id, scheme: account.scheme.name, balance: balanceOf(account.transactions, date), expected };
      }),
      saved: saved?.rows.find((r) => r.memberId === member.id) ?? null,
    }));
  return { group, month, date, upcoming: date > today, latestMonth: latestMeetingMonth(group.meetingDay, today), saved, rows };
}
