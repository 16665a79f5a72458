import type { Loan, MembershipReason, Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';

// Membership history: one open row (toDate null) per member in a group. Moving closes the open row
// on the move date and opens one in the new group.

export async function openMembership(tx: Tx, memberIds: string[], groupId: string, date: Date, reason: MembershipReason) {
  if (memberIds.length === 0) return;
  await tx.memberGroupHistory.createMany({ data: memberIds.map((memberId) => ({ memberId, groupId, fromDate: date, reason })) });
}

export async function closeMembership(tx: Tx, memberIds: string[], groupId: string, date: Date) {
  if (memberIds.length === 0) return;
  // History cannot run backwards: a move dated before the member joined her group is refused.
  const later = await tx.memberGroupHistory.findFirst({ where: { memberId: { in: memberIds }, groupId, toDate: null, fromDate: { gt: date } } });
  if (later) throw new AppError('VALIDATION', 'members.dateBeforeJoin', {}, { date: { key: 'members.dateBeforeJoin' } });
  await tx.memberGroupHistory.updateMany({ where: { memberId: { in: memberIds }, groupId, toDate: null }, data: { toDate: date } });
}

/** Loans not yet closed, rejected or written off: they belong to the borrower's group. */
export const OPEN_LOAN_STATUSES = ['APPLIED', 'APPRAISED', 'APPROVED', 'DISBURSED', 'FROZEN'] as const;

export function countOpenLoans(tx: Tx, memberIds: string[], groupId?: string) {
  return tx.loan.count({ where: { memberId: { in: memberIds }, status: { in: [...OPEN_LOAN_STATUSES] }, ...(groupId ? { groupId } : {}) } });
}

/**
 * Moves members from one group to another (transfer or merge), keeping their history; their open
 * loans move with them (the caller has checked that this is wanted).
 */
export async function moveMembersBetweenGroups(tx: Tx, memberIds: string[], fromGroupId: string, toGroupId: string, date: Date, reason: MembershipReason) {
  if (memberIds.length === 0) return;
  const moving = { memberId: { in: memberIds }, groupId: fromGroupId, status: { in: [...OPEN_LOAN_STATUSES] } };
  await recordLoanMoves(tx, await tx.loan.findMany({ where: moving }), { groupId: toGroupId }, date);
  await tx.loan.updateMany({ where: moving, data: { groupId: toGroupId } });
  await closeMembership(tx, memberIds, fromGroupId, date);
  await tx.member.updateMany({ where: { id: { in: memberIds } }, data: { groupId: toGroupId } });
  await openMembership(tx, memberIds, toGroupId, date, reason);
  // A member who leaves a group is no longer its leader or deputy.
  await tx.group.updateMany({ where: { id: fromGroupId, leaderId: { in: memberIds } }, data: { leaderId: null } });
  await tx.group.updateMany({ where: { id: fromGroupId, deputyId: { in: memberIds } }, data: { deputyId: null } });
}

/**
 * Notes that loans move to another group (and commune), so figures dated before the move stay
 * with the old owner. Call before updating the loans.
 */
export async function recordLoanMoves(
  tx: Tx,
  loans: Pick<Loan, 'id' | 'groupId' | 'orgUnitId' | 'cachedOutstanding'>[],
  to: { groupId: string; orgUnitId?: string },
  date: Date,
) {
  if (loans.length === 0) return;
  await tx.loanMove.createMany({
    data: loans.map((l) => ({
      loanId: l.id, date, fromGroupId: l.groupId, toGroupId: to.groupId, fromOrgUnitId: l.orgUnitId, toOrgUnitId: to.orgUnitId ?? l.orgUnitId,
      principal: l.cachedOutstanding,
    })),
  });
}
