import { describe, expect, it } from 'vitest';
import { ageingBucket, computeLoanState, OverpaymentError, type LoanEvent } from './ledger';
import { buildSchedule } from './schedule';
import { percentToPpm } from './terms';
import { base, d, pay } from './test-terms';

// Every expected figure below is worked out by hand in the comment beside it.
describe('rates', () => {
  it('reads percentages exactly', () => {
    expect(percentToPpm('0.55')).toBe(5500n);
    expect(percentToPpm('0,66')).toBe(6600n);
    expect(percentToPpm('1')).toBe(10000n);
    expect(() => percentToPpm('0.55555')).toThrow();
  });
});

describe('schedule', () => {
  it('splits principal equally, the last instalment absorbing the rounding', () => {
    const schedule = buildSchedule(base);
    // 10.000.000 / 12 = 833.333,33 → 833.333 × 11; last = 10.000.000 − 9.166.663 = 833.337
    expect(schedule.map((i) => i.principal)).toEqual([...Array(11).fill(833_333n), 833_337n]);
    expect(schedule[0]!.dueDate).toEqual(d('2026-02-15'));
    expect(schedule[11]!.dueDate).toEqual(d('2027-01-15'));
  });

  it('charges interest by days on the declining balance, rounded once per period', () => {
    const [first, second] = buildSchedule(base);
    // 15/01–15/02 = 31 days: 10.000.000 × 0,55 % × 31/30 = 56.833,33 → 56.833
    expect(first!.interest).toBe(56_833n);
    // 15/02–15/03 = 28 days on 9.166.667: × 0,55 % × 28/30 = 47.055,56 → 47.056
    expect(second!.interest).toBe(47_056n);
  });

  it('applies a rate change to interest accrued after its date', () => {
    const terms = { ...base, rates: [...base.rates, { from: d('2026-02-01'), ratePpm: percentToPpm('0.60') }] };
    // 17 days (15/01–31/01) at 0,55 % + 14 days (01/02–14/02) at 0,60 %:
    // 10.000.000 × (0,0055 × 17 + 0,0060 × 14) / 30 = 10.000.000 × 0,1775 / 30 = 59.166,67 → 59.167
    expect(buildSchedule(terms)[0]!.interest).toBe(59_167n);
  });

  it('carries interest only during grace months; quarterly principal after', () => {
    const schedule = buildSchedule({ ...base, graceMonths: 3, principalEveryMonths: 3 });
    // Principal in months 6, 9, 12: 3.333.333, 3.333.333, 3.333.334
    expect(schedule.filter((i) => i.principal > 0n).map((i) => [i.no, i.principal])).toEqual([
      [6, 3_333_333n],
      [9, 3_333_333n],
      [12, 3_333_334n],
    ]);
    expect(schedule[0]!.interest).toBe(56_833n);
  });

  it('flat interest runs on the original amount', () => {
    const schedule = buildSchedule({ ...base, interestMethod: 'FLAT' });
    // 15/03–15/04 = 31 days on 10.000.000 (not 8.333.334): 56.833
    expect(schedule[2]!.interest).toBe(56_833n);
  });

  it('puts the whole principal at maturity when asked', () => {
    const schedule = buildSchedule({ ...base, principalEveryMonths: 12 });
    expect(schedule.map((i) => i.principal)).toEqual([...Array(11).fill(0n), 10_000_000n]);
  });
});

describe('ledger', () => {
  it('an unpaid instalment is overdue from the day after its due date, and only that part', () => {
    expect(computeLoanState(base, [], d('2026-02-15'))).toMatchObject({ overduePrincipal: 0n, daysPastDue: 0 });
    const state = computeLoanState(base, [], d('2026-02-16'));
    expect(state).toMatchObject({ overduePrincipal: 833_333n, daysPastDue: 1, outstandingPrincipal: 10_000_000n });
  });

  it('charges overdue principal 130 % of the rate and ages the debt', () => {
    const state = computeLoanState(base, [], d('2026-03-15'));
    // Penalty: 833.333 × 0,55 % × 130 % × 27/30 (16/02–14/03) = 5.362,4979 → 5.362
    // Overdue interest = instalment 1 interest 56.833 + 5.362 = 62.195
    expect(state.overdueInterest).toBe(62_195n);
    // Period 2: 1 day on 10.000.000 + 27 days on 9.166.667 at 0,55 %/30 = 1.833,33 + 45.375,00 → 47.208
    expect(state.accruedInterest).toBe(47_208n);
    expect(state.daysPastDue).toBe(28);
    expect(ageingBucket(state.daysPastDue)).toBe('1-90');
  });

  it('allocates a late payment: overdue interest, interest, overdue principal, principal due, then ahead', () => {
    const state = computeLoanState(base, [pay('2026-03-15', 2_000_000n, 'p1')], d('2026-03-15'));
    // 62.195 + 47.208 + 833.333 + 833.333 = 1.776.069; the remaining 223.931 pays instalment 3 early
    expect(state.allocations.get('p1')).toEqual({ overdueInterest: 62_195n, interest: 47_208n, overduePrincipal: 833_333n, principal: 833_333n, prepayment: 223_931n });
    expect(state).toMatchObject({ overduePrincipal: 0n, overdueInterest: 0n, daysPastDue: 0, outstandingPrincipal: 8_109_403n });
    expect(state.instalments[2]!.principalPaid).toBe(223_931n);
  });

  it('refuses a payment beyond everything owed instead of keeping the remainder', () => {
    // Payable on 15/02: interest 56.833 + all principal 10.000.000 = 10.056.833
    expect(() => computeLoanState(base, [pay('2026-02-15', 20_000_000n)], d('2026-02-15'), { strict: true })).toThrow(OverpaymentError);
    try {
      computeLoanState(base, [pay('2026-02-15', 20_000_000n)], d('2026-02-15'), { strict: true });
    } catch (error) {
      expect((error as OverpaymentError).excess).toBe(9_943_167n);
    }
  });

  it('refuses paying ahead when the programme does not allow it', () => {
    const terms = { ...base, allowPrepayment: false };
    expect(() => computeLoanState(terms, [pay('2026-02-15', 900_000n)], d('2026-02-15'), { strict: true })).toThrow(OverpaymentError);
    // Exactly what is due (56.833 + 833.333) is accepted.
    expect(computeLoanState(terms, [pay('2026-02-15', 890_166n)], d('2026-02-15'), { strict: true }).daysPastDue).toBe(0);
  });

  it('closes when principal and interest are fully paid', () => {
    const state = computeLoanState(base, [pay('2026-02-15', 10_056_833n)], d('2026-02-20'));
    expect(state).toMatchObject({ status: 'CLOSED', outstandingPrincipal: 0n, accruedInterest: 0n, overdueInterest: 0n });
  });

  it('a payment mid-period settles interest to its date', () => {
    // 15/01–25/01 = 10 days: 10.000.000 × 0,55 % × 10/30 = 18.333,33 → 18.333
    const state = computeLoanState(base, [pay('2026-01-25', 18_333n)], d('2026-01-25'));
    expect(state.allocations.get('2026-01-25')).toMatchObject({ interest: 18_333n, principal: 0n });
    // The rest of period 1 (25/01–15/02 = 21 days) is due on 15/02: 38.500,00 → 38.500
    expect(computeLoanState(base, [pay('2026-01-25', 18_333n)], d('2026-02-15')).accruedInterest).toBe(38_500n);
  });

  it('an extension moves a due date: the instalment is no longer overdue', () => {
    const events: LoanEvent[] = [{ kind: 'EXTENSION', id: 'e', date: d('2026-02-10'), instalmentNo: 1, newDueDate: d('2026-05-15') }];
    expect(computeLoanState(base, events, d('2026-03-01'))).toMatchObject({ overduePrincipal: 0n, daysPastDue: 0 });
  });

  it('a frozen loan stops accruing interest; a written-off loan has nothing outstanding', () => {
    const frozen = computeLoanState(base, [{ kind: 'FREEZE', id: 'f', date: d('2026-02-01') }], d('2026-06-01'));
    // Interest to 01/02: 17 days × 1.833,33 = 31.166,67 → 31.167, then nothing more
    expect(frozen).toMatchObject({ status: 'FROZEN', accruedInterest: 31_167n, daysPastDue: 0, overduePrincipal: 0n });
    const writtenOff = computeLoanState(base, [{ kind: 'WRITE_OFF', id: 'w', date: d('2026-06-01') }], d('2026-07-01'));
    expect(writtenOff).toMatchObject({ status: 'WRITTEN_OFF', outstandingPrincipal: 0n, writtenOffPrincipal: 10_000_000n });
  });
});
