import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { ageingBucket } from './engine/ledger';
import { buildSchedule } from './engine/schedule';
import { maskPersonalData } from '@/lib/members/pii';
import { findLoanInScope } from './find-loan';
import { loanStateOn } from './loan-figures';
import { termsOf } from './loan-terms';

/** A loan with its member, group, appraisal, transactions, schedule and balances as of a date. */
export async function getLoan(actor: Actor, id: string, asOf = todayInVietnam()) {
  assertCan(actor, 'loan:read');
  const found = await findLoanInScope(actor, id);
  const loan = await db.loan.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      member: { select: { id: true, fullName: true, nationalId: true } },
      group: { select: { id: true, code: true, name: true } },
      orgUnit: { select: { id: true, code: true, name: true } },
      programme: { include: { rates: { orderBy: { effectiveFrom: 'asc' } } } },
      appraisal: true,
      transactions: { orderBy: [{ date: 'asc' }, { postedAt: 'asc' }] },
    },
  });
  // The borrower's CCCD as the reader's role may see it (the API returns this object as it is).
  const shown = { ...loan, member: maskPersonalData(actor, loan.member) };
  if (!loan.disbursedAt) return { loan: shown, state: null, schedule: [], bucket: null };
  const state = loanStateOn(loan, asOf);
  return { loan: shown, state, schedule: buildSchedule(termsOf(loan)), bucket: ageingBucket(state.daysPastDue) };
}
