import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { loanWhere } from '@/lib/auth/business';
import { scopeWhere } from '@/lib/auth/scope';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { addDays } from '@/lib/loans/engine/dates';

// What waits for the reader, counted for the navigation (issue 21, section 4): applications to
// appraise (a revolving-fund loan, or a second round, is appraised before approval), applications to
// approve and reversal requests to decide (never her own), inspection follow-ups falling due within
// a week. Zero for what her role does not do.

export interface Waiting {
  appraisals: number;
  approvals: number;
  reversals: number;
  followUps: number;
}

export async function waitingFor(actor: Actor): Promise<Waiting> {
  const mine = { NOT: { appliedById: actor.userId } };
  const [appraisals, approvals, reversals, followUps] = await Promise.all([
    actorCan(actor, 'loan:apply')
      ? db.loan.count({ where: { ...loanWhere(actor), status: 'APPLIED', appraisal: null, OR: [{ programme: { fundSource: 'REVOLVING' } }, { round: { gte: 2 } }] } })
      : 0,
    actorCan(actor, 'loan:approve') ? db.loan.count({ where: { ...loanWhere(actor), status: { in: ['APPLIED', 'APPRAISED'] }, ...mine } }) : 0,
    actorCan(actor, 'loan:risk')
      ? db.reversalRequest.count({ where: { status: 'PENDING', loan: loanWhere(actor), NOT: { requestedById: actor.userId } } })
      : 0,
    actorCan(actor, 'inspection:write')
      ? db.followUp.count({ where: { ...scopeWhere(actor), status: 'OPEN', dueDate: { lte: addDays(todayInVietnam(), 7) } } })
      : 0,
  ]);
  return { appraisals, approvals, reversals, followUps };
}
