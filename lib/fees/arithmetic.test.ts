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

  it('shares a fee between levels by largest remainder, ties to commune, then district, then province', () => {
    // 60/25/15 of 1 001: exact 600,6 / 250,25 / 150,15; floors 600+250+150 = 1 000, the 1 đồng left
    // goes to the largest remainder (commune, ,6).
    expect(shareFee(1001n, { communeBp: 6000, districtBp: 2500, provinceBp: 1500 })).toEqual({ commune: 601n, district: 250n, province: 150n });
    // 50/50/0 of 1 001: exact 500,5 / 500,5 / 0; half-up per part gave 501 + 501 and the province −1.
    // Floors 500 + 500, the one đồng left goes to the tie's first level, the commune.
    expect(shareFee(1001n, { communeBp: 5000, districtBp: 5000, provinceBp: 0 })).toEqual({ commune: 501n, district: 500n, province: 0n });
    // 33,33/33,33/33,34 of 2: exact 0,6666 / 0,6666 / 0,6668; two đồng left, to province (largest),
    // then commune (tie with district, commune first).
    expect(shareFee(2n, { communeBp: 3333, districtBp: 3333, provinceBp: 3334 })).toEqual({ commune: 1n, district: 0n, province: 1n });
    // 0,01/0,01/99,98 of 5 000: exact 0,5 / 0,5 / 4 999; the tie goes to the commune.
    expect(shareFee(5000n, { communeBp: 1, districtBp: 1, provinceBp: 9998 })).toEqual({ commune: 1n, district: 0n, province: 4999n });
    expect(shareFee(7n, { communeBp: 0, districtBp: 0, provinceBp: 10000 })).toEqual({ commune: 0n, district: 0n, province: 7n });
    // A negative fee (a correction) is the mirror image of the positive one.
    expect(shareFee(-1001n, { communeBp: 5000, districtBp: 5000, provinceBp: 0 })).toEqual({ commune: -501n, district: -500n, province: 0n });
    expect(shareFee(1001n, undefined)).toEqual({ commune: 1001n, district: 0n, province: 0n });
    // A commune directly under its province (two-tier): no district share; the province takes it.
    expect(shareFee(1001n, { communeBp: 6000, districtBp: 2500, provinceBp: 1500 }, { underDistrict: false }))
      .toEqual({ commune: 601n, district: 0n, province: 400n });
    expect(() => shareFee(1n, { communeBp: 6000, districtBp: 3000, provinceBp: 1500 })).toThrow(RangeError);
  });

  // The promises of shareFee, checked on their own terms (not against a copy of the algorithm):
  // the parts add up to the fee, none is negative, each is within 1 đồng of fee × bp / 10 000, and
  // a level that got the extra đồng never had a smaller remainder than one that did not.
  const sharedFairly = (fee: bigint, bps: [number, number, number]) => {
    const parts = shareFee(fee, { communeBp: bps[0], districtBp: bps[1], provinceBp: bps[2] });
    const shares = [parts.commune, parts.district, parts.province];
    const exactTimes10k = bps.map((bp) => fee * BigInt(bp));
    const deviations = shares.map((s, i) => s * 10_000n - exactTimes10k[i]); // in 1/10 000 đồng
    const roundedUp = deviations.map((d) => d > 0n);
    const remainders = exactTimes10k.map((e) => e % 10_000n);
    const fairUp = remainders.every((r, i) => !roundedUp[i] || remainders.every((other, j) => roundedUp[j] || other <= r));
    return (
      shares[0] + shares[1] + shares[2] === fee &&
      shares.every((s) => s >= 0n) &&
      deviations.every((d) => d > -10_000n && d < 10_000n) &&
      fairUp
    );
  };

  it('keeps every share non-negative and within 1 đồng for every fee up to 2 000 đồng', () => {
    const tables: [number, number, number][] = [
      [5000, 5000, 0], [0, 5000, 5000], [5000, 0, 5000], [0, 0, 10000], [10000, 0, 0],
      [3333, 3333, 3334], [3334, 3333, 3333], [6000, 2500, 1500], [1, 1, 9998], [9998, 1, 1], [1, 9998, 1], [7001, 2998, 1],
    ];
    const failures: string[] = [];
    for (const bps of tables) for (let fee = 0n; fee <= 2000n; fee++) if (!sharedFairly(fee, bps)) failures.push(`${bps.join('/')} of ${fee}`);
    expect(failures).toEqual([]);
  });

  it('keeps every share non-negative and within 1 đồng for any fee and any share table', () => {
    const table = fc
      .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([a, b]): [number, number, number] => [Math.min(a, b), Math.max(a, b) - Math.min(a, b), 10_000 - Math.max(a, b)]);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), table, (fee, bps) => sharedFairly(fee, bps)), { numRuns: 5000 });
  });

  it('splits revolving-fund interest into allowances and what stays in the fund, by group size', () => {
    // 1 000 001 đ: pool 500 001 (half-up), group officers 40% = 200 000, union officers 300 001.
    expect(splitInterest(1_000_001n, rule, 12)).toEqual({
      allowances: 500_001n, unionOfficers: 300_001n, groupOfficers: 200_000n, withheld: 0n, retained: 500_000n,
    });
    expect(splitInterest(1_000_001n, rule, 7)).toEqual({
      allowances: 500_001n, unionOfficers: 300_001n, groupOfficers: 100_000n, withheld: 100_000n, retained: 600_000n,
    });
    expect(splitInterest(1_000_001n, rule, 4)).toMatchObject({ groupOfficers: 0n, withheld: 200_000n, retained: 700_000n });
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 60 }), (interest, members) => {
        const s = splitInterest(interest, rule, members);
        return s.unionOfficers + s.groupOfficers + s.retained === interest && s.unionOfficers + s.groupOfficers + s.withheld === s.allowances;
      }),
    );
  });
});
