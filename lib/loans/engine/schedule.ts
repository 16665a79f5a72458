import { divideRoundHalfUp } from '@/lib/money';
import { addMonths, daysBetween } from './dates';
import { INTEREST_DENOMINATOR, rateOn, type LoanTerms } from './terms';

export interface ScheduledInstalment {
  no: number;
  dueDate: Date;
  principal: bigint;
  /** Interest expected if every earlier instalment is paid on time (the paper schedule). */
  interest: bigint;
}

/** Interest over [from, to) on `principal`, split at rate changes, rounded once (half-up). */
export function periodInterest(terms: LoanTerms, principal: bigint, from: Date, to: Date): bigint {
  let numerator = 0n;
  const cuts = [from, ...terms.rates.map((r) => r.from).filter((d) => d > from && d < to), to];
  for (let i = 0; i + 1 < cuts.length; i++) {
    numerator += principal * rateOn(terms.rates, cuts[i]!) * BigInt(daysBetween(cuts[i]!, cuts[i + 1]!)) * 100n;
  }
  return divideRoundHalfUp(numerator, INTEREST_DENOMINATOR);
}

/** Months (1-based) in which a principal instalment falls due. */
export function principalMonths(terms: LoanTerms): number[] {
  const months: number[] = [];
  for (let m = terms.graceMonths + 1; m <= terms.termMonths; m++) {
    if ((m - terms.graceMonths) % terms.principalEveryMonths === 0 || m === terms.termMonths) months.push(m);
  }
  // Grace as long as the term: the principal is due at maturity.
  return months.length > 0 ? months : [terms.termMonths];
}

/** The instalments' due dates and principal parts: one a month, principal in equal parts on the
 * principal months, the last part absorbing the rounding. What the ledger replays against. */
export function principalSchedule(terms: LoanTerms): Omit<ScheduledInstalment, 'interest'>[] {
  if (terms.termMonths < 1) throw new RangeError('term must be at least one month');
  const months = new Set(principalMonths(terms));
  const share = terms.amount / BigInt(months.size);
  const lastShare = terms.amount - share * BigInt(months.size - 1);
  const instalments: Omit<ScheduledInstalment, 'interest'>[] = [];
  for (let no = 1; no <= terms.termMonths; no++) {
    const principal = months.has(no) ? (no === terms.termMonths ? lastShare : share) : 0n;
    instalments.push({ no, dueDate: addMonths(terms.disbursedAt, no), principal });
  }
  return instalments;
}

/**
 * The repayment schedule: one instalment a month (interest is collected monthly), principal in
 * equal parts on the principal months, the last part absorbing the rounding; grace months carry
 * interest only.
 */
export function buildSchedule(terms: LoanTerms): ScheduledInstalment[] {
  let outstanding = terms.amount;
  let previous = terms.disbursedAt;
  return principalSchedule(terms).map((i) => {
    const base = terms.interestMethod === 'FLAT' ? terms.amount : outstanding;
    const interest = periodInterest(terms, base, previous, i.dueDate);
    outstanding -= i.principal;
    previous = i.dueDate;
    return { ...i, interest };
  });
}
