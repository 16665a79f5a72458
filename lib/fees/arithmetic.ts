// The arithmetic of fees, commissions and allowances: integers of đồng, rates as integers (parts per
// million for fee rates, basis points for shares), rounding half-up to the đồng once per group and
// month. Shares are split so the parts always add up to the whole (the last part takes the rest).

import { percentToPpm, ppmToPercent } from '@/lib/loans/engine/terms';
import { divideRoundHalfUp } from '@/lib/money';

const PPM = 1_000_000n;
const BP = 10_000n;

/** a × num / den, rounded by the system's one rule (half-up). */
const mulDivHalfUp = (a: bigint, num: bigint, den: bigint) => divideRoundHalfUp(a * num, den);

/** An amount times a rate in parts per million (1% = 10 000), rounded half-up to the đồng. */
export const applyPpm = (basis: bigint, ratePpm: number) => mulDivHalfUp(basis, BigInt(ratePpm), PPM);
/** An amount times a share in basis points (1% = 100), rounded half-up to the đồng. */
export const applyBp = (amount: bigint, bp: number) => mulDivHalfUp(amount, BigInt(bp), BP);

/** "0,55" or "0.0123" (percent, up to 4 decimals) → parts per million; null when not such a number. */
export function readPercentPpm(text: string): number | null {
  try {
    const ppm = percentToPpm(text);
    return ppm <= 1_000_000_000n ? Number(ppm) : null;
  } catch {
    return null;
  }
}

/** 5500 → "0,55%" (Vietnamese decimal comma; at most 4 decimals, trailing zeros dropped). */
export const formatPpm = (ratePpm: number) => `${ppmToPercent(BigInt(ratePpm))}%`;

/** The entry in force for a month: the latest with effectiveFrom on or before the month's first day. */
export function inForce<T extends { effectiveFrom: Date }>(entries: T[], monthStart: Date): T | undefined {
  let best: T | undefined;
  for (const entry of entries) if (entry.effectiveFrom <= monthStart && (!best || entry.effectiveFrom > best.effectiveFrom)) best = entry;
  return best;
}

export interface FeeRateLike {
  basis: 'INTEREST_COLLECTED' | 'OUTSTANDING_BALANCE';
  ratePpm: number;
}

/** A fee or commission for one group and month: the rate applied to its basis (none → 0). */
export function feeFor(rate: FeeRateLike | undefined, figures: { interestCollected: bigint; outstandingEnd: bigint }): bigint {
  if (!rate) return 0n;
  return applyPpm(rate.basis === 'INTEREST_COLLECTED' ? figures.interestCollected : figures.outstandingEnd, rate.ratePpm);
}

/** The entrustment fee shared between union levels; the province part takes the rounding rest. */
export function shareFee(fee: bigint, rule: { communeBp: number; districtBp: number } | undefined) {
  if (!rule) return { commune: fee, district: 0n, province: 0n };
  const commune = applyBp(fee, rule.communeBp);
  const district = applyBp(fee, rule.districtBp);
  return { commune, district, province: fee - commune - district };
}

export interface AllowanceRuleLike {
  allowanceBp: number;
  groupOfficerBp: number;
  fullFromMembers: number;
  reducedFromMembers: number;
  reducedPct: number;
}

/**
 * One group's month of revolving-fund interest split: the allowance pool, the union officers' part,
 * what the group officers get after the group-size rule, and what stays in the fund (the rest of
 * the interest plus any group share withheld from a small group). The four add up to `interest`.
 */
export function splitInterest(interest: bigint, rule: AllowanceRuleLike | undefined, members: number) {
  if (!rule) return { allowances: 0n, unionOfficers: 0n, groupOfficers: 0n, withheld: 0n, retained: interest };
  const allowances = applyBp(interest, rule.allowanceBp);
  const groupShare = applyBp(allowances, rule.groupOfficerBp);
  const unionOfficers = allowances - groupShare;
  const groupOfficers =
    members >= rule.fullFromMembers ? groupShare : members >= rule.reducedFromMembers ? mulDivHalfUp(groupShare, BigInt(rule.reducedPct), 100n) : 0n;
  const withheld = groupShare - groupOfficers;
  return { allowances, unionOfficers, groupOfficers, withheld, retained: interest - allowances + withheld };
}
