import { divideRoundHalfUp } from '@/lib/money';
import { daysBetween } from './dates';

const DAY_MS = 86_400_000;
import { principalSchedule } from './schedule';
import { INTEREST_DENOMINATOR, rateOn, type LoanTerms } from './terms';

// The loan ledger: replays a disbursed loan's events day by day to any date and derives every
// balance from them, so nothing is stored that could drift. Rules (docs/decisions/006-loan-money.md):
// - Normal interest accrues on principal not yet overdue: principal × rate × days / 30.
// - Only the unpaid part of a due instalment is overdue, from the day after its due date; overdue
//   principal accrues at rate × multiplier instead of the normal rate. Unpaid interest bears none.
// - Accrued interest is rounded half-up to the đồng once per period: at each monthly due date and
//   when a payment settles interest to its date.
// - A payment pays, in order: overdue interest (penalty interest, then interest of past due dates),
//   interest due to date, overdue principal, principal due that day, then (if allowed) principal
//   ahead of schedule, earliest instalment first. Anything left over is refused.
// - A payment known only by its principal (bank extracts list principal alone) paid, on top of it,
//   the interest due that day (overdue interest and interest to date): its amount is that sum, split
//   by the same order.

export type LoanEvent =
  /** `withInterestDue`: `amount` is the principal; the interest due that day is added to it. */
  | { kind: 'PAYMENT'; id: string; date: Date; amount: bigint; withInterestDue?: boolean }
  | { kind: 'EXTENSION'; id: string; date: Date; instalmentNo: number; newDueDate: Date }
  | { kind: 'FREEZE'; id: string; date: Date }
  | { kind: 'WRITE_OFF'; id: string; date: Date };

export interface Allocation {
  overdueInterest: bigint;
  interest: bigint;
  overduePrincipal: bigint;
  principal: bigint;
  prepayment: bigint;
}

export interface InstalmentState {
  no: number;
  dueDate: Date;
  originalDueDate: Date;
  principalDue: bigint;
  principalPaid: bigint;
  interestDue: bigint | null;
  interestPaid: bigint;
}

export interface LoanState {
  asOf: Date;
  status: 'ACTIVE' | 'CLOSED' | 'FROZEN' | 'WRITTEN_OFF';
  outstandingPrincipal: bigint;
  overduePrincipal: bigint;
  /** Normal interest accrued and not paid, to `asOf`. */
  accruedInterest: bigint;
  /** Penalty interest plus interest of past due dates, unpaid. */
  overdueInterest: bigint;
  /** Part of `accruedInterest` an extension moved to a later due date: owed, not due yet. */
  deferredInterest: bigint;
  daysPastDue: number;
  principalPaid: bigint;
  interestPaid: bigint;
  writtenOffPrincipal: bigint;
  instalments: InstalmentState[];
  /** The split of each payment, by event id. */
  allocations: Map<string, Allocation>;
  /** Payments the ledger could not fully place (only possible for imported history). */
  rejected: Map<string, bigint>;
}

export class OverpaymentError extends Error {
  constructor(readonly excess: bigint, readonly payable: bigint) {
    super(`payment exceeds what is payable by ${excess}`);
  }
}

interface InterestItem {
  dueDate: Date;
  amount: bigint;
  instalmentNo: number | null;
}

export function computeLoanState(terms: LoanTerms, events: LoanEvent[], asOf: Date, { strict = false } = {}): LoanState {
  const instalments: InstalmentState[] = principalSchedule(terms).map((i) => ({
    no: i.no,
    dueDate: i.dueDate,
    originalDueDate: i.dueDate,
    principalDue: i.principal,
    principalPaid: 0n,
    interestDue: null,
    interestPaid: 0n,
  }));
  const sorted = [...events].sort((a, b) => a.date.getTime() - b.date.getTime());
  let outstanding = terms.amount;
  let normalNumerator = 0n;
  let penaltyNumerator = 0n;
  let penaltyUnpaid = 0n;
  const interestItems: InterestItem[] = [];
  let frozenFrom: Date | null = null;
  let writtenOff = 0n;
  let status: LoanState['status'] = 'ACTIVE';
  let principalPaid = 0n;
  let interestPaid = 0n;
  const allocations = new Map<string, Allocation>();
  const rejected = new Map<string, bigint>();

  // Times as numbers and plain loops: the import replays every loan of a file, so this runs hot.
  const overdueOn = (day: number) => {
    if (frozenFrom) return 0n;
    let sum = 0n;
    for (const i of instalments) if (i.dueDate.getTime() < day) sum += i.principalDue - i.principalPaid;
    return sum;
  };

  /** Accrues interest for the days [from, to), segment by segment (rates constant per segment). */
  function accrue(from: Date, to: Date) {
    const [fromMs, toMs] = [from.getTime(), to.getTime()];
    if (status !== 'ACTIVE' || fromMs >= toMs) return;
    const cuts = new Set<number>([fromMs, toMs]);
    for (const r of terms.rates) {
      const t = r.from.getTime();
      if (t > fromMs && t < toMs) cuts.add(t);
    }
    for (const i of instalments) {
      const dayAfter = i.dueDate.getTime() + DAY_MS;
      if (dayAfter > fromMs && dayAfter < toMs) cuts.add(dayAfter);
    }
    const points = cuts.size === 2 ? [fromMs, toMs] : [...cuts].sort((a, b) => a - b);
    for (let k = 0; k + 1 < points.length; k++) {
      const start = points[k]!;
      const days = BigInt(Math.round((points[k + 1]! - start) / DAY_MS));
      const rate = rateOn(terms.rates, new Date(start));
      const overdue = overdueOn(start);
      // Flat interest runs on the original amount while anything is owed.
      const base = terms.interestMethod === 'FLAT' ? (outstanding > 0n ? terms.amount : 0n) : outstanding;
      const current = base - overdue;
      normalNumerator += current * rate * days * 100n;
      penaltyNumerator += overdue * rate * terms.overdueMultiplierPct * days;
    }
  }

  /** Rounds accrued normal interest into an item due on `dueDate` (a due date, or the payment day). */
  function closePeriod(dueDate: Date, instalmentNo: number | null) {
    const amount = divideRoundHalfUp(normalNumerator, INTEREST_DENOMINATOR);
    normalNumerator = 0n;
    if (amount > 0n) interestItems.push({ dueDate, amount, instalmentNo });
    if (instalmentNo !== null) instalments[instalmentNo - 1]!.interestDue = (instalments[instalmentNo - 1]!.interestDue ?? 0n) + amount;
    penaltyUnpaid += divideRoundHalfUp(penaltyNumerator, INTEREST_DENOMINATOR);
    penaltyNumerator = 0n;
  }

  function payInterest(items: InterestItem[], budget: bigint): bigint {
    let paid = 0n;
    for (const item of items) {
      const part = item.amount < budget - paid ? item.amount : budget - paid;
      if (part <= 0n) break;
      item.amount -= part;
      paid += part;
      if (item.instalmentNo !== null) instalments[item.instalmentNo - 1]!.interestPaid += part;
    }
    return paid;
  }

  function payPrincipal(targets: InstalmentState[], budget: bigint): bigint {
    let paid = 0n;
    for (const i of [...targets].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.no - b.no)) {
      const open = i.principalDue - i.principalPaid;
      const part = open < budget - paid ? open : budget - paid;
      if (part <= 0n) continue;
      i.principalPaid += part;
      paid += part;
    }
    outstanding -= paid;
    return paid;
  }

  function pay(id: string, day: Date, given: bigint, withInterestDue = false) {
    const open = instalments[nextDue];
    closePeriod(open ? open.dueDate : day, open ? open.no : null);
    const isCurrent = (i: InterestItem) => i.dueDate.getTime() === day.getTime() || (open !== undefined && i.instalmentNo === open.no && i.dueDate >= day);
    const pastItems = interestItems.filter((i) => i.dueDate < day && i.amount > 0n);
    const currentItems = () => interestItems.filter((i) => isCurrent(i) && i.amount > 0n);
    const interestDue = withInterestDue ? [...pastItems, ...currentItems()].reduce((sum, i) => sum + i.amount, penaltyUnpaid) : 0n;
    const amount = given + interestDue;
    let left = amount;
    const penalty = penaltyUnpaid < left ? penaltyUnpaid : left;
    penaltyUnpaid -= penalty;
    left -= penalty;
    const pastInterest = payInterest(pastItems, left);
    left -= pastInterest;
    const interest = payInterest(currentItems(), left);
    left -= interest;
    const overduePrincipal = payPrincipal(instalments.filter((i) => i.dueDate < day), left);
    left -= overduePrincipal;
    const principal = payPrincipal(instalments.filter((i) => i.dueDate.getTime() === day.getTime()), left);
    left -= principal;
    const ahead = terms.allowPrepayment || status !== 'ACTIVE';
    const extendedInterest = ahead ? payInterest(interestItems.filter((i) => i.dueDate > day && !isCurrent(i) && i.amount > 0n), left) : 0n;
    left -= extendedInterest;
    const prepayment = ahead ? payPrincipal(instalments.filter((i) => i.dueDate > day), left) : 0n;
    left -= prepayment;
    if (left > 0n) {
      if (strict) throw new OverpaymentError(left, amount - left);
      rejected.set(id, left);
    }
    principalPaid += overduePrincipal + principal + prepayment;
    interestPaid += penalty + pastInterest + interest + extendedInterest;
    allocations.set(id, { overdueInterest: penalty + pastInterest, interest: interest + extendedInterest, overduePrincipal, principal, prepayment });
    if (outstanding === 0n && interestItems.every((i) => i.amount === 0n) && penaltyUnpaid === 0n) status = 'CLOSED';
  }

  // Walk the timeline: due dates and events in date order, accruing between them.
  let cursor = terms.disbursedAt;
  let nextDue = 0;
  const advance = (to: Date) => {
    while (nextDue < instalments.length && instalments[nextDue]!.originalDueDate <= to) {
      const instalment = instalments[nextDue]!;
      accrue(cursor, instalment.originalDueDate);
      cursor = instalment.originalDueDate;
      if (status === 'ACTIVE') closePeriod(instalment.dueDate, instalment.no);
      nextDue += 1;
    }
    accrue(cursor, to);
    cursor = to > cursor ? to : cursor;
  };
  for (const event of sorted) {
    if (event.date > asOf) break;
    advance(event.date);
    if (event.kind === 'PAYMENT') pay(event.id, event.date, event.amount, event.withInterestDue);
    else if (event.kind === 'EXTENSION') {
      const instalment = instalments[event.instalmentNo - 1];
      if (instalment) instalment.dueDate = event.newDueDate;
      for (const item of interestItems) if (item.instalmentNo === event.instalmentNo) item.dueDate = event.newDueDate;
    } else if (event.kind === 'FREEZE') {
      closePeriod(event.date, null);
      frozenFrom = event.date;
      status = 'FROZEN';
    } else if (event.kind === 'WRITE_OFF') {
      closePeriod(event.date, null);
      writtenOff = outstanding;
      outstanding = 0n;
      for (const item of interestItems) item.amount = 0n;
      penaltyUnpaid = 0n;
      status = 'WRITTEN_OFF';
    }
  }
  advance(asOf);

  const accruedToDate = divideRoundHalfUp(normalNumerator, INTEREST_DENOMINATOR);
  const penaltyToDate = penaltyUnpaid + divideRoundHalfUp(penaltyNumerator, INTEREST_DENOMINATOR);
  const pastDueInterest = interestItems.filter((i) => i.dueDate < asOf).reduce((s, i) => s + i.amount, 0n);
  const currentInterest = interestItems.filter((i) => i.dueDate >= asOf).reduce((s, i) => s + i.amount, 0n);
  const open = instalments[nextDue];
  const deferredInterest = interestItems
    .filter((i) => i.dueDate > asOf && !(open !== undefined && i.instalmentNo === open.no))
    .reduce((s, i) => s + i.amount, 0n);
  const dormant = status === 'FROZEN' || status === 'WRITTEN_OFF';
  const oldest = [
    ...instalments.filter((i) => i.dueDate < asOf && i.principalPaid < i.principalDue).map((i) => i.dueDate),
    ...interestItems.filter((i) => i.dueDate < asOf && i.amount > 0n).map((i) => i.dueDate),
  ].sort((a, b) => a.getTime() - b.getTime())[0];
  return {
    asOf,
    status,
    outstandingPrincipal: outstanding,
    overduePrincipal: dormant ? 0n : overdueOn(asOf.getTime()),
    // A frozen loan's interest is set aside with its principal: owed, but not overdue.
    accruedInterest: currentInterest + accruedToDate + (dormant ? pastDueInterest + penaltyToDate : 0n),
    overdueInterest: dormant ? 0n : penaltyToDate + pastDueInterest,
    deferredInterest: dormant ? 0n : deferredInterest,
    daysPastDue: oldest && !dormant ? daysBetween(oldest, asOf) : 0,
    principalPaid,
    interestPaid,
    writtenOffPrincipal: writtenOff,
    instalments: [...instalments].sort((a, b) => a.no - b.no),
    allocations,
    rejected,
  };
}

/** Ageing bucket of a number of days past due, as in the reports: 1–90, 91–180, 181–360, >360. */
export function ageingBucket(daysPastDue: number): '0' | '1-90' | '91-180' | '181-360' | '>360' {
  if (daysPastDue <= 0) return '0';
  if (daysPastDue <= 90) return '1-90';
  if (daysPastDue <= 180) return '91-180';
  if (daysPastDue <= 360) return '181-360';
  return '>360';
}

/** What settles the loan's arrears at its as-of date: interest to date (not the interest an extension
 * moved to a later date), overdue principal, and principal falling due that very day (the collection
 * day is often the due date). A payment of exactly this is accepted with or without prepayment. */
export function payableOn(state: LoanState): bigint {
  const dueToday = state.instalments
    .filter((i) => i.dueDate.getTime() === state.asOf.getTime())
    .reduce((sum, i) => sum + i.principalDue - i.principalPaid, 0n);
  return state.overdueInterest + state.accruedInterest - state.deferredInterest + state.overduePrincipal + dueToday;
}
