import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { assertFundOpen } from '@/lib/fund/guard';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { formatThousands } from '@/lib/money';
import { assertConsents, consentsForLoan } from '@/lib/members/consent';
import { findMemberInScope } from '@/lib/members/find-member';
import { applyForLoanSchema, type ApplyForLoanInput } from './schemas';

/**
 * Records a loan application for an active member of a group who has consented to what the loan
 * needs (lib/members/consent.ts). The round (vòng vay) is the number
 * of the member's earlier, not rejected, loans in the same programme plus one.
 */
export async function applyForLoan(actor: Actor, input: ApplyForLoanInput) {
  assertCan(actor, 'loan:apply');
  const data = parseInput(applyForLoanSchema, input);
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, data.memberId, tx);
    if (member.status !== 'ACTIVE' || !member.groupId) {
      throw new AppError('VALIDATION', 'loans.memberNotInGroup', {}, { memberId: { key: 'loans.memberNotInGroup' } });
    }
    const programme = await tx.programme.findUnique({ where: { id: data.programmeId } });
    if (!programme?.active) throw new AppError('VALIDATION', 'loans.programmeInactive', {}, { programmeId: { key: 'loans.programmeInactive' } });
    // Her consent now (decision 024): joining the lending for every loan, sharing with the bank for an entrusted one.
    await assertConsents(tx, member.id, consentsForLoan(programme.fundSource), 'loan');
    if (data.amount < programme.minAmount || data.amount > programme.maxAmount) {
      const params = { min: formatThousands(programme.minAmount), max: formatThousands(programme.maxAmount) };
      throw new AppError('VALIDATION', 'loans.amountRange', params, { amount: { key: 'loans.amountRange', params } });
    }
    if (data.termMonths < programme.minTermMonths || data.termMonths > programme.maxTermMonths) {
      const params = { min: programme.minTermMonths, max: programme.maxTermMonths };
      throw new AppError('VALIDATION', 'loans.termRange', params, { termMonths: { key: 'loans.termRange', params } });
    }
    const number = await nextLoanNumber(tx, member.orgUnitId);
    // After the commune row lock just taken (FOR UPDATE), so the check below cannot deadlock.
    await assertFundOpen(tx, member.orgUnitId, programme.fundSource);
    // Counted after the commune lock taken above, so two applications cannot share a round.
    const earlier = await tx.loan.count({ where: { memberId: member.id, programmeId: programme.id, status: { not: 'REJECTED' } } });
    const loan = await tx.loan.create({
      data: {
        number, orgUnitId: member.orgUnitId, groupId: member.groupId, memberId: member.id, programmeId: programme.id, round: earlier + 1,
        amountRequested: data.amount, termMonths: data.termMonths, purpose: data.purpose, householdCategory: member.householdCategory,
        appliedById: actor.userId, appliedAt: data.appliedAt ?? todayInVietnam(),
      },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'loan.apply', entity: 'Loan', entityId: loan.id, after: loan });
    return loan;
  });
}

/** "<commune code>-<year>-<sequence>", e.g. ND-YY-YK-2026-00012 (sequence per commune and year). */
async function nextLoanNumber(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], orgUnitId: string) {
  await tx.$queryRaw`SELECT 1 FROM "OrgUnit" WHERE "id" = ${orgUnitId}::uuid FOR UPDATE`;
  const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: orgUnitId } });
  const prefix = `${unit.code}-${todayInVietnam().getUTCFullYear()}-`;
  const numbers = await tx.loan.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } });
  const highest = numbers.reduce((max, { number }) => Math.max(max, Number(number.slice(prefix.length)) || 0), 0);
  return `${prefix}${String(highest + 1).padStart(5, '0')}`;
}
