import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { loanWhere } from '@/lib/auth/business';
import { db } from '@/lib/db';
import { listMemberAccounts } from '@/lib/savings/manage-accounts';

// What an approver reads before deciding an application (issue 21, section 4): the member's other
// loans by round with how they were repaid, her savings, and her group's standing and latest rating.

export async function borrowerFile(actor: Actor, loan: { id: string; memberId: string; groupId: string; appliedById: string | null }) {
  assertCan(actor, 'loan:read');
  const [loans, accounts, group, members, rating, appliedBy] = await Promise.all([
    db.loan.findMany({
      where: { ...loanWhere(actor), memberId: loan.memberId, NOT: { id: loan.id } },
      orderBy: [{ round: 'asc' }, { createdAt: 'asc' }],
      select: {
        id: true, number: true, round: true, status: true, amountRequested: true, amountDisbursed: true, disbursedAt: true,
        cachedOutstanding: true, cachedDaysPastDue: true, programme: { select: { code: true } },
        _count: { select: { transactions: { where: { kind: 'REPAYMENT', reversedAt: null } } } },
      },
    }),
    listMemberAccounts(actor, loan.memberId),
    db.group.findUnique({ where: { id: loan.groupId }, select: { id: true, code: true, name: true, status: true } }),
    db.member.count({ where: { groupId: loan.groupId, status: 'ACTIVE' } }),
    db.groupRating.findFirst({ where: { groupId: loan.groupId }, orderBy: { year: 'desc' }, select: { year: true, grade: true, total: true } }),
    loan.appliedById ? db.user.findUnique({ where: { id: loan.appliedById }, select: { fullName: true } }) : null,
  ]);
  return {
    loans: loans.map(({ _count, ...l }) => ({ ...l, repayments: _count.transactions })),
    savings: accounts.map((a) => ({ id: a.id, scheme: a.scheme.name, balance: a.balance })),
    group: group ? { ...group, members } : null,
    rating,
    appliedBy: appliedBy?.fullName ?? null,
  };
}
