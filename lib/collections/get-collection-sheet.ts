import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { computeLoanState, payableOn } from '@/lib/loans/engine/ledger';
import { eventsOf, termsOf } from '@/lib/loans/loan-terms';
import { balanceOf, depositsInMonth } from '@/lib/savings/balance';
import { monthSchema } from './schemas';

/** The collection day of a month: the group's meeting day (clamped to the month's end), else its last day. */
export function sheetDate(month: string, meetingDay: number | null): Date {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return new Date(Date.UTC(year, mon - 1, Math.min(meetingDay ?? last, last)));
}

/**
 * The sheet of a group for a month: per active member, what each open loan asks at the collection
 * day (interest to date, overdue and due principal) and the savings expected, prefilled; or, once
 * saved, what was collected.
 */
export async function getCollectionSheet(actor: Actor, groupId: string, month: string) {
  assertCan(actor, 'loan:read');
  parseInput(monthSchema, month);
  const group = await findGroupInScope(actor, groupId);
  const date = sheetDate(month, group.meetingDay);
  const saved = await db.collectionSheet.findUnique({ where: { groupId_month: { groupId: group.id, month } }, include: { rows: true } });
  const members = await db.member.findMany({
    where: { groupId: group.id, status: 'ACTIVE' },
    orderBy: [{ sortKey: 'asc' }, { id: 'asc' }],
    include: {
      loans: { where: { groupId: group.id, status: { in: ['DISBURSED', 'FROZEN'] } }, include: { programme: { include: { rates: true } }, transactions: true } },
      savingsAccounts: { include: { scheme: true, transactions: true } },
    },
  });
  // Everything below is computed from what was loaded above: no query per member.
  const rows = members.map((member) => ({
      member: { id: member.id, fullName: member.fullName, code: member.code },
      loans: member.loans.map((loan) => {
        const state = computeLoanState(termsOf(loan), eventsOf(loan.transactions), date > loan.disbursedAt! ? date : loan.disbursedAt!);
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
        const deposited = depositsInMonth(account.transactions, date);
        const expected = deposited >= account.scheme.minMonthlyDeposit ? 0n : account.scheme.minMonthlyDeposit - deposited;
        return { accountId: account.id, scheme: account.scheme.name, balance: balanceOf(account.transactions, date), expected };
      }),
      saved: saved?.rows.find((r) => r.memberId === member.id) ?? null,
    }));
  return { group, month, date, saved, rows };
}
