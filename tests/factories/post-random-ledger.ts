import type { Actor } from '@/lib/auth/actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db, type OrgUnit, type Programme } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { decideSettlement, requestSettlement, transferForSettlement } from '@/lib/fund';
import { applyForLoan, appraiseLoan, approveLoan, disburseLoan, extendInstalment, freezeLoan, postRepayment, reverseTransaction, writeOffLoan } from '@/lib/loans';
import { computeLoanState, payableOn } from '@/lib/loans/engine/ledger';
import { addDays } from '@/lib/loans/engine/dates';
import { loanStateOn } from '@/lib/loans/loan-figures';
import { eventsOf, termsOf } from '@/lib/loans/loan-terms';
import { transferMember } from '@/lib/members';
import { createUnit } from './org';
import { at, monthEnd, type Gap, type LedgerSpec, type ProgrammeCode } from './random-ledgers';
import { addMembers, makeGroup } from './registers';

// Posts a random ledger (./random-ledgers.ts) through the real services (lib/loans, lib/members,
// lib/fund) and keeps what the test needs to know independently of the figures under test: which
// loans exist, when they were lent, and which group and commune held each on which day. The amounts
// of repayments are chosen against the engine at the moment of posting (part of the arrears,
// exactly the arrears, ahead of schedule, the whole debt, one đồng too much), so most steps are
// accepted; a step the loan's state forbids (paying a closed loan, freezing a frozen one) is
// skipped, and a refusal the engine predicts (an overpayment, a reversal that would leave a later
// repayment above what was payable) is asserted rather than skipped.

/** A move of a loan to another group (and maybe commune), as the test expects it to be recorded. */
export interface Move {
  date: Date;
  fromGroupId: string;
  toGroupId: string;
  fromOrgUnitId: string;
  toOrgUnitId: string;
}

export interface PostedLoan {
  id: string;
  memberId: string;
  programmeId: string;
  disbursedAt: Date;
  amount: bigint;
  first: { groupId: string; orgUnitId: string };
  moves: Move[];
}

export interface LedgerWorld {
  district: OrgUnit;
  communes: { A: OrgUnit; B: OrgUnit };
  groups: Record<'A1' | 'A2' | 'B1' | 'B2', { id: string; orgUnitId: string }>;
  loans: PostedLoan[];
  /** Steps the services refused as the engine predicted (overpayments, reversals refused). */
  refusals: number;
}

export interface LedgerActors {
  officer: Actor;
  approver: Actor;
  province: OrgUnit;
  programmes: Record<ProgrammeCode, Programme>;
}

export const loadLoan = (id: string) =>
  db.loan.findUniqueOrThrow({ where: { id }, include: { programme: { include: { rates: true } }, transactions: true } });
export type LoadedLoan = Awaited<ReturnType<typeof loadLoan>>;

/** The loan's principal outstanding at the end of a day by the engine (nothing before it is lent). */
export const engineOutstanding = (loan: LoadedLoan, day: Date) => (day < loan.disbursedAt! ? 0n : loanStateOn(loan, day).outstandingPrincipal);

/** The group and commune holding a loan on a day: the destination of its last move on or before the day. */
export function ownerOn(loan: PostedLoan, day: Date) {
  let owner = loan.first;
  for (const m of loan.moves) if (m.date <= day) owner = { groupId: m.toGroupId, orgUnitId: m.toOrgUnitId };
  return owner;
}

/** A programme unlike the demo ones: quarterly principal after 3 months' grace, no prepayment, a rate cut on 01/07/2028. */
export async function customProgramme() {
  return db.programme.create({
    data: {
      code: 'PBT-GRACE', name: 'Vay có ân hạn (kiểm thử)', fundSource: 'VBSP', minTermMonths: 6, maxTermMonths: 36, minAmount: 1_000_000n, maxAmount: 50_000_000n,
      principalFrequency: 'QUARTERLY', graceMonths: 3, allowPrepayment: false, overdueMultiplierPct: 150,
      rates: { create: [{ effectiveFrom: at('2015-01-01'), monthlyRate: '0.6500' }, { effectiveFrom: at('2028-07-01'), monthlyRate: '0.4500' }] },
    },
  });
}

const decision = (date: Date) => ({ decisionNo: 'PBT/QĐ', decisionDate: isoDate(date), approver: 'Trưởng ban' });

/**
 * Builds a fresh district (communes A and B, two groups each), disburses the spec's loans and posts
 * their steps round-robin through the services. `afterStep` runs after each accepted step.
 */
export async function postRandomLedger(spec: LedgerSpec, actors: LedgerActors, afterStep?: (loanId: string) => Promise<void>): Promise<LedgerWorld> {
  const { officer, approver } = actors;
  const today = todayInVietnam();
  const district = await createUnit('DISTRICT', actors.province);
  const A = await createUnit('COMMUNE', district);
  const B = await createUnit('COMMUNE', district);
  const [A1, A2, B1, B2] = [await makeGroup(A), await makeGroup(A), await makeGroup(B), await makeGroup(B)];
  const groups = { A1: A1!, A2: A2!, B1: B1!, B2: B2! };
  const world: LedgerWorld = { district, communes: { A, B }, groups, loans: [], refusals: 0 };
  let settlementId: string | null = null;

  const members: { id: string; groupId: string; orgUnitId: string; since: Date }[] = [];
  const cursors: Date[] = [];
  for (const l of spec.loans) {
    const group = groups[l.home];
    const [member] = await addMembers(group.orgUnitId === A.id ? A : B, group.id, 1);
    const programme = actors.programmes[l.programme];
    const loan = await applyForLoan(officer, { memberId: member!.id, programmeId: programme.id, amount: String(l.amount), termMonths: l.term, purpose: 'Chăn nuôi', appliedAt: l.disbursedOn });
    if (programme.fundSource === 'REVOLVING') {
      await appraiseLoan(officer, loan.id, { householdVisited: 'on', eligible: 'on', purposeFeasible: 'on', repaymentCapacity: 'on', appraiserName: 'Phạm Thị Lan', appraisedAt: l.disbursedOn });
    }
    await approveLoan(approver, loan.id, { decidedAt: l.disbursedOn });
    await disburseLoan(officer, loan.id, { date: l.disbursedOn });
    world.loans.push({
      id: loan.id, memberId: member!.id, programmeId: programme.id, disbursedAt: at(l.disbursedOn), amount: BigInt(l.amount),
      first: { groupId: group.id, orgUnitId: group.orgUnitId }, moves: [],
    });
    members.push({ id: member!.id, groupId: group.id, orgUnitId: group.orgUnitId, since: at('2026-01-01') });
    cursors.push(at(l.disbursedOn));
  }

  /** Expects the service to refuse with this message key (the engine said it would). */
  async function refused(promise: Promise<unknown>, key: string) {
    const error = await promise.then(() => null, (e: unknown) => e);
    if (!(error instanceof AppError) || error.messageKey !== key) throw new Error(`expected the refusal ${key}, got ${String(error)}`);
    world.refusals += 1;
  }

  const longest = Math.max(...spec.loans.map((l) => l.steps.length));
  for (let j = 0; j < longest; j++) {
    for (let i = 0; i < spec.loans.length; i++) {
      const step = spec.loans[i]!.steps[j];
      if (!step) continue;
      const posted = world.loans[i]!;
      const loan = await loadLoan(posted.id);
      const state = loanStateOn(loan, today);
      const cursor = cursors[i]!;
      const next = (gap: Gap) => {
        if (typeof gap === 'number') return addDays(cursor, gap);
        if (gap === 'monthEnd') return monthEnd(cursor) > cursor ? monthEnd(cursor) : monthEnd(addDays(cursor, 1));
        return state.instalments.map((x) => x.dueDate).filter((d) => d > cursor).sort((a, b) => a.getTime() - b.getTime())[0] ?? addDays(cursor, 30);
      };
      let accepted = false;
      switch (step.do) {
        case 'pay': {
          const date = next(step.gap);
          if (date > today || (state.status !== 'ACTIVE' && state.status !== 'FROZEN')) break;
          const terms = termsOf(loan);
          const events = eventsOf(loan.transactions);
          const arrears = payableOn(computeLoanState(terms, events, date));
          // The most the ledger accepts on that day: a probe payment, minus what it refuses.
          const probe = 10n ** 12n;
          const probed = computeLoanState(terms, [...events, { kind: 'PAYMENT', id: 'probe', date, amount: probe }], date);
          const most = probe - (probed.rejected.get('probe') ?? 0n);
          // The arrears can exceed what is accepted: without prepayment, interest an extension moved
          // later counts in payableOn but is refused by the allocation.
          const due = arrears < most ? arrears : most;
          const part = (x: bigint) => (x * BigInt(step.permille)) / 1000n;
          const amount = { partial: part(due > 0n ? due : most), exact: due, ahead: due + part(most - due), payoff: most, over: most + 1n }[step.amount];
          if (amount <= 0n) break;
          if (step.amount === 'over') {
            await refused(postRepayment(officer, posted.id, { date: isoDate(date), amount: String(amount) }), 'loans.overpayment');
            break;
          }
          await postRepayment(officer, posted.id, { date: isoDate(date), amount: String(amount) });
          cursors[i] = date;
          accepted = true;
          break;
        }
        case 'reverse': {
          // Mostly a repayment; a freeze, write-off or extension can be reversed too.
          const live = loan.transactions.filter((t) => t.kind !== 'DISBURSEMENT' && !t.reversedAt).sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
          if (live.length === 0) break;
          const target = live[step.pick % live.length]!;
          const without = computeLoanState(termsOf(loan), eventsOf(loan.transactions.filter((t) => t.id !== target.id)), today);
          const input = { transactionId: target.id, reason: 'Nhập nhầm' };
          if (without.rejected.size > 0) await refused(reverseTransaction(approver, posted.id, input), 'loans.reverseLaterFirst');
          else {
            await reverseTransaction(approver, posted.id, input);
            accepted = true;
          }
          break;
        }
        case 'freeze':
        case 'writeOff': {
          const date = next(step.gap);
          const allowed = step.do === 'freeze' ? state.status === 'ACTIVE' : state.status === 'ACTIVE' || state.status === 'FROZEN';
          if (date > today || !allowed) break;
          await (step.do === 'freeze' ? freezeLoan : writeOffLoan)(approver, posted.id, { ...decision(date), date: isoDate(date) });
          cursors[i] = date;
          accepted = true;
          break;
        }
        case 'extend': {
          const date = next(step.gap);
          if (date > today || state.status !== 'ACTIVE') break;
          // The oldest instalment with principal still owed, moved later than both its due date and the decision.
          const instalment = state.instalments.find((x) => x.principalPaid < x.principalDue) ?? state.instalments.at(-1)!;
          const from = instalment.originalDueDate > date ? instalment.originalDueDate : date;
          const newDueDate = addDays(from, step.days);
          await extendInstalment(approver, posted.id, { ...decision(date), instalmentNo: instalment.no, newDueDate: isoDate(newDueDate) });
          cursors[i] = date;
          accepted = true;
          break;
        }
        case 'transfer':
        case 'handover': {
          const member = members[i]!;
          if (step.do === 'handover' && member.orgUnitId !== A.id) break;
          let date = addDays(cursor, step.shift);
          for (const floor of [member.since, posted.disbursedAt]) if (date < floor) date = floor;
          if (date > today) date = today;
          const target = step.do === 'handover' ? groups.B1 : Object.values(groups).find((g) => g.orgUnitId === member.orgUnitId && g.id !== member.groupId)!;
          const open = loan.status === 'DISBURSED' || loan.status === 'FROZEN';
          // A transfer takes only the open loans held in her group; a settlement hand-over all her open loans.
          const moves = open && (step.do === 'handover' || loan.groupId === member.groupId);
          if (step.do === 'handover') {
            if (!settlementId) {
              const request = await requestSettlement(officer, { orgUnitId: A.id, requestDate: '2026-01-01', reason: 'Rút khỏi Quỹ', documentRef: 'BB 01' });
              await decideSettlement(officer, request.id, { approve: true, date: '2026-01-01' });
              settlementId = request.id;
            }
            await transferForSettlement(officer, settlementId, { memberId: member.id, groupId: target.id, date: isoDate(date) });
          } else {
            await transferMember(officer, member.id, { groupId: target.id, date: isoDate(date), moveLoans: 'true' });
          }
          // Membership history runs forwards (closeMembership), so moves come in date order, as ownerOn reads them.
          if (moves && posted.moves.some((m) => m.date > date)) throw new Error('a move dated before an earlier one');
          if (moves) posted.moves.push({ date, fromGroupId: loan.groupId, toGroupId: target.id, fromOrgUnitId: loan.orgUnitId, toOrgUnitId: target.orgUnitId });
          Object.assign(member, { groupId: target.id, orgUnitId: target.orgUnitId, since: date });
          const after = await db.loan.findUniqueOrThrow({ where: { id: posted.id } });
          const owner = ownerOn(posted, new Date(8.64e15));
          if (after.groupId !== owner.groupId || after.orgUnitId !== owner.orgUnitId) throw new Error(`the loan did not move as expected (${step.do} on ${isoDate(date)})`);
          accepted = true;
          break;
        }
        case 'redisburse': {
          if (loan.transactions.some((t) => t.kind !== 'DISBURSEMENT' && !t.reversedAt)) break;
          const date = addDays(posted.disbursedAt, step.shift);
          // A settling commune lends no more from the fund (lib/fund/guard.ts).
          if (date > today || (settlementId && loan.orgUnitId === A.id && loan.programme.fundSource === 'REVOLVING')) break;
          const amount = (loan.amountApproved! * BigInt(step.permille)) / 1000n;
          const disbursement = loan.transactions.find((t) => t.kind === 'DISBURSEMENT' && !t.reversedAt)!;
          await reverseTransaction(approver, posted.id, { transactionId: disbursement.id, reason: 'Sai số tiền' });
          await disburseLoan(officer, posted.id, { date: isoDate(date), amount: String(amount) });
          Object.assign(posted, { disbursedAt: date, amount });
          cursors[i] = date;
          accepted = true;
          break;
        }
      }
      if (accepted && afterStep) await afterStep(posted.id);
    }
  }
  return world;
}
