import type { Actor } from '@/lib/auth/actor';
import { db, type Member, type Programme } from '@/lib/db';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan } from '@/lib/loans';

/** A loan taken through the real services (application, appraisal, approval, disbursement) on one day. */
export async function disbursedLoanOn(officer: Actor, approver: Actor, member: Member, programme: Programme, amount: string, date: string) {
  const loan = await applyForLoan(officer, { memberId: member.id, programmeId: programme.id, amount, termMonths: 12, purpose: 'Chăn nuôi', appliedAt: date });
  await appraiseLoan(officer, loan.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan', appraisedAt: date });
  await approveLoan(approver, loan.id, { decidedAt: date });
  return disburseLoan(officer, loan.id, { date });
}

/**
 * A repayment row written straight into the ledger with chosen parts, so fee and allowance figures
 * can be checked by hand (the repayment engine's own split is tested in lib/loans). The loan's cached
 * balance is left alone: refreshing it would re-split the rows the engine's way.
 */
export async function ledgerRepayment(loanId: string, date: string, parts: { principal?: bigint; interest?: bigint; overdueInterest?: bigint }) {
  const principal = parts.principal ?? 0n;
  const interest = parts.interest ?? 0n;
  const overdueInterest = parts.overdueInterest ?? 0n;
  return db.loanTransaction.create({
    data: { loanId, kind: 'REPAYMENT', date: new Date(`${date}T00:00:00Z`), amount: principal + interest + overdueInterest, principal, interest, overdueInterest },
  });
}
