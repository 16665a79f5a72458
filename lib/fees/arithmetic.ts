// The arithmetic of fees, commissions and allowances: integers of đồng, rates as integers (parts per
// million for fee rates, basis points for shares), rounding half-up to the đồng once per group and
// month. Shares are split so the parts always add up to the whole and none is negative (largest
// remainder, see shareFee).

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

export interface FeeShareLike {
  communeBp: number;
  districtBp: number;
  provinceBp: number;
}

const LEVELS = ['commune', 'district', 'province'] as const;

/**
 * The entrustment fee shared between union levels by the largest-remainder method: each level first
 * gets the floor of fee × bp / 10 000, then the đồng left over (at most two) go one each to the
 * levels with the largest fractional remainders; equal remainders go in the fixed order commune,
 * district, province. So the parts add up to the fee exactly, none is negative for a non-negative
 * fee, each is within 1 đồng of its exact value, and a level with 0 % never gets a đồng. A negative
 * fee (a correction) is shared as the mirror image of its absolute value. Half-up per part is not
 * used because 50/50/0 of an odd fee would round both halves up and leave the province −1 đồng.
 */
export function shareFee(fee: bigint, rule: FeeShareLike | undefined, { underDistrict = true } = {}): Record<(typeof LEVELS)[number], bigint> {
  if (!rule) return { commune: fee, district: 0n, province: 0n };
  // Levels follow the tree: a commune directly under its province (two-tier, since 07/2025) has no
  // district union, so nothing is computed for one; the province, next level up, takes that share.
  if (!underDistrict && rule.districtBp !== 0) return shareFee(fee, { ...rule, districtBp: 0, provinceBp: rule.provinceBp + rule.districtBp });
  if (fee < 0n) {
    const mirror = shareFee(-fee, rule);
    return { commune: -mirror.commune, district: -mirror.district, province: -mirror.province };
  }
  const bps = LEVELS.map((level) => rule[`${level}Bp`]);
  if (bps.some((bp) => !Number.isInteger(bp) || bp < 0) || bps.reduce((a, b) => a + b, 0) !== Number(BP)) {
    throw new RangeError(`fee shares must be whole basis points summing to 10000, got ${bps.join('/')}`);
  }
  const shares = bps.map((bp) => (fee * BigInt(bp)) / BP);
  const remainders = bps.map((bp) => (fee * BigInt(bp)) % BP);
  const rest = Number(fee - shares.reduce((sum, share) => sum + share, 0n)); // 0, 1 or 2
  // Array.prototype.sort is stable, so equal remainders keep the LEVELS order: the tie-break.
  const byRemainder = [0, 1, 2].sort((a, b) => Number(remainders[b] - remainders[a]));
  for (const i of byRemainder.slice(0, rest)) shares[i] += 1n;
  return { commune: shares[0], district: shares[1], province: shares[2] };
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
