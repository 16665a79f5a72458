import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPpm, feeFor, formatPpm, inForce, readPercentPpm, shareFee, splitInterest } from './arithmetic';

const rule = { allowanceBp: 5000, groupOfficerBp: 4000, fullFromMembers: 10, reducedFromMembers: 5, reducedPct: 50 };

describe('fee arithmetic', () => {
  it('reads and writes percentages exactly', () => {
    expect(['0,55', '0.0123', '12', '100', '1,5'].map(readPercentPpm)).toEqual([5500, 123, 120000, 1000000, 15000]);
    expect(['', 'abc', '0,12345', '-1', '1.2.3'].map(readPercentPpm)).toEqual([null, null, null, null, null]);
    expect([5500, 123, 120000, 15000, 0].map(formatPpm)).toEqual(['0,55%', '0,0123%', '12%', '1,5%', '0%']);
  });

  it('rounds half-up to the đồng once per figure', () => {
    // 1 234 567 × 0,03% = 370,3701 → 370; 1 500 × 0,1% = 1,5 → 2; 2 499 × 0,02% = 0,4998 → 0
    expect(applyPpm(1_234_567n, 300)).toBe(370n);
    expect(applyPpm(1_500n, 1000)).toBe(2n);
    expect(applyPpm(2_499n, 200)).toBe(0n);
    expect(feeFor({ basis: 'OUTSTANDING_BALANCE', ratePpm: 300 }, { interestCollected: 9n, outstandingEnd: 1_234_567n })).toBe(370n);
    expect(feeFor(undefined, { interestCollected: 9n, outstandingEnd: 9n })).toBe(0n);
  });

  it('takes the rate in force on the month\'s first day', () => {
    const rates = [{ effectiveFrom: new Date('2026-01-01'), r: 1 }, { effectiveFrom: new Date('2026-07-01'), r: 2 }];
    expect(inForce(rates, new Date('2025-12-01'))).toBeUndefined();
    expect(inForce(rates, new Date('2026-06-01'))?.r).toBe(1);
    expect(inForce(rates, new Date('2026-07-01'))?.r).toBe(2);
  });

  it('shares a fee between levels so the parts add up to the fee', () => {
    expect(shareFee(1001n, { communeBp: 6000, districtBp: 2500 })).toEqual({ commune: 601n, district: 250n, province: 150n });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }), (fee, communeBp, districtBp) => {
        const parts = shareFee(fee, { communeBp, districtBp });
        return parts.commune + parts.district + parts.province === fee && parts.province >= -1n;
      }),
    );
  });

  it('splits revolving-fund interest into allowances and what stays in the fund, by group size', () => {
    // 1 000 001 đ: pool 500 001 (half-up), group officers 40% = 200 000, union officers 300 001.
    expect(splitInterest(1_000_001n, rule, 12)).toEqual({ allowances: 500_001n, unionOfficers: 300_001n, groupOfficers: 200_000n, withheld: 0n, retained: 500_000n });
    expect(splitInterest(1_000_001n, rule, 7)).toEqual({ allowances: 500_001n, unionOfficers: 300_001n, groupOfficers: 100_000n, withheld: 100_000n, retained: 600_000n });
    expect(splitInterest(1_000_001n, rule, 4)).toMatchObject({ groupOfficers: 0n, withheld: 200_000n, retained: 700_000n });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 60 }), (interest, members) => {
        const s = splitInterest(interest, rule, members);
        return s.unionOfficers + s.groupOfficers + s.retained === interest && s.unionOfficers + s.groupOfficers + s.withheld === s.allowances;
      }),
    );
  });
});
