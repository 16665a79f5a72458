// The terms of a disbursed loan, as the engine needs them. Rates are per month in parts per
// million of principal: 0,55 %/month = 5500 ppm, so every figure stays an exact integer.

export type InterestMethod = 'DECLINING' | 'FLAT';

export interface RatePeriod {
  /** The rate applies to interest accrued from this date on. */
  from: Date;
  ratePpm: bigint;
}

export interface LoanTerms {
  amount: bigint;
  disbursedAt: Date;
  termMonths: number;
  /** Months between principal instalments (1 monthly, 3 quarterly); equal to termMonths = at maturity. */
  principalEveryMonths: number;
  graceMonths: number;
  interestMethod: InterestMethod;
  rates: RatePeriod[];
  /** Overdue principal bears the rate × this percentage (130 by default). */
  overdueMultiplierPct: bigint;
  allowPrepayment: boolean;
}

/** "0.55" (% per month) → 5500n ppm. At most 4 decimals, as the programme form allows. */
export function percentToPpm(percent: string): bigint {
  const match = /^(\d+)(?:[.,](\d{1,4}))?$/.exec(percent.trim());
  if (!match) throw new RangeError(`not a percentage: ${percent}`);
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}

export function ppmToPercent(ppm: bigint): string {
  const whole = ppm / 10_000n;
  const fraction = (ppm % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole},${fraction}` : String(whole);
}

/** The rate in force on a day (the latest period starting on or before it). */
export function rateOn(rates: RatePeriod[], day: Date): bigint {
  let rate = rates[0]?.ratePpm;
  for (const period of rates) if (period.from <= day) rate = period.ratePpm;
  if (rate === undefined) throw new RangeError('loan without a rate');
  return rate;
}

/** Interest numerators are kept over this denominator (ppm × 30 days × 100 %) until rounded. */
export const INTEREST_DENOMINATOR = 1_000_000n * 30n * 100n;
