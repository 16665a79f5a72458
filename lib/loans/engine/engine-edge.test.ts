import { describe, expect, it } from 'vitest';
import { ageingBucket, computeLoanState, OverpaymentError, payableOn, type LoanEvent, type LoanState } from './ledger';
import { buildSchedule } from './schedule';
import { percentToPpm, type LoanTerms } from './terms';
import { base, d, pay } from './test-terms';

// Edge cases of the loan engine. Every expected figure is worked out by hand in the comment
// beside it. Conventions used in the arithmetic:
//   interest = principal × rate × days / 30, rounded half-up once per period;
//   at 0,55 %/month, 10.000.000 ₫ earns 1.833,33 ₫ a day, 9.166.667 ₫ earns 1.680,56 ₫ a day;
//   penalty on overdue principal = principal × rate × 130 % × days / 30.
const noPrepay: LoanTerms = { ...base, allowPrepayment: false };
const row = (state: LoanState, no: number) => state.instalments.find((i) => i.no === no)!;
const overpayment = (fn: () => unknown): OverpaymentError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof OverpaymentError) return error;
    throw error;
  }
  throw new Error('expected an OverpaymentError');
};

describe('calendar: month ends and leap years', () => {
  it('31 Jan + 1 month is 28 Feb, + 2 months is 31 Mar: due dates do not drift', () => {
    const schedule = buildSchedule({ ...base, disbursedAt: d('2026-01-31'), rates: [{ from: d('2026-01-31'), ratePpm: 5500n }] });
    // Each due date is counted from the disbursement day, clamped to the month's last day.
    expect(schedule.map((i) => i.dueDate)).toEqual(
      ['2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31', '2026-11-30', '2026-12-31', '2027-01-31'].map(d),
    );
    // 31/01–28/02 = 28 days: 10.000.000 × 0,55 % × 28/30 = 51.333,33 → 51.333
    expect(schedule[0]!.interest).toBe(51_333n);
    // 28/02–31/03 = 31 days on 9.166.667: 50.416,67 × 31/30 = 52.097,22 → 52.097
    expect(schedule[1]!.interest).toBe(52_097n);
  });

  it('leap year: 31 Jan 2028 + 1 month is 29 Feb 2028, and 29 Feb + 12 months is 28 Feb 2029', () => {
    const jan = buildSchedule({ ...base, disbursedAt: d('2028-01-31'), rates: [{ from: d('2028-01-31'), ratePpm: 5500n }] });
    expect(jan[0]!.dueDate).toEqual(d('2028-02-29'));
    // 31/01–29/02/2028 = 29 days: 1.833,33 × 29 = 53.166,67 → 53.167
    expect(jan[0]!.interest).toBe(53_167n);
    expect(jan[1]!.dueDate).toEqual(d('2028-03-31'));
    const feb29 = buildSchedule({ ...base, disbursedAt: d('2028-02-29'), rates: [{ from: d('2028-02-29'), ratePpm: 5500n }] });
    expect(feb29[0]!.dueDate).toEqual(d('2028-03-29'));
    expect(feb29[11]!.dueDate).toEqual(d('2029-02-28'));
    // Last period 29/01/2029–28/02/2029 = 30 days on the last share 833.337:
    // 833.337 × 0,55 % = 4.583,35 × 30/30 → 4.583
    expect(feb29[11]!).toMatchObject({ principal: 833_337n, interest: 4_583n });
  });
});

describe('rate changes', () => {
  it('a rate change inside a period is rounded once, in the schedule and in the ledger alike', () => {
    const terms: LoanTerms = { ...noPrepay, rates: [...base.rates, { from: d('2026-02-01'), ratePpm: percentToPpm('0.58') }] };
    // 15/01–01/02 = 17 days at 0,55 %: 31.166,67; 01/02–15/02 = 14 days at 0,58 %: 58.000 × 14/30 = 27.066,67
    // Once: 58.233,33 → 58.233. (Rounding each segment would give 31.167 + 27.067 = 58.234.)
    expect(buildSchedule(terms)[0]!.interest).toBe(58_233n);
    // The borrower pays exactly the paper figure 58.233 + 833.333 = 891.566 and is current.
    const state = computeLoanState(terms, [pay('2026-02-15', 891_566n, 'p')], d('2026-02-16'), { strict: true });
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 58_233n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n });
  });

  it('a rate change while an instalment is overdue changes both normal and penalty interest from its date', () => {
    const terms: LoanTerms = { ...base, rates: [...base.rates, { from: d('2026-03-01'), ratePpm: percentToPpm('0.60') }] };
    const state = computeLoanState(terms, [], d('2026-03-15'));
    // Penalty on 833.333: 16/02–01/03 = 13 days at 0,55 %, 01/03–15/03 = 14 days at 0,60 %:
    // 833.333 × 130 % × (0,0055 × 13 + 0,0060 × 14)/30 = 833.333 × 1,3 × 0,1555/30 = 5.615,28 → 5.615
    // Overdue interest = instalment 1 interest 56.833 + 5.615 = 62.448
    expect(state.overdueInterest).toBe(62_448n);
    // Normal, period 2: 1 day on 10.000.000 at 0,55 % = 1.833,33; 13 days on 9.166.667 at 0,55 % = 21.847,22;
    // 14 days on 9.166.667 at 0,60 % = 25.666,67. Sum 49.347,22 → 49.347
    expect(state.accruedInterest).toBe(49_347n);
  });
});

describe('payment on the due date vs the day after', () => {
  it('on the due date the paper amount is interest + principal due, nothing overdue', () => {
    // 56.833 + 833.333 = 890.166
    const state = computeLoanState(noPrepay, [pay('2026-02-15', 890_166n, 'p')], d('2026-02-16'), { strict: true });
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 56_833n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n, outstandingPrincipal: 9_166_667n });
  });

  it('the day after: one more day of normal interest, no penalty yet (penalty runs from the day after)', () => {
    // 15/02–16/02 = 1 day on 10.000.000 = 1.833,33 → 1.833; penalty over [16/02, 16/02) = 0.
    // Payable: 56.833 (now overdue) + 1.833 + 833.333 (now overdue) = 891.999
    const state = computeLoanState(noPrepay, [pay('2026-02-16', 891_999n, 'p')], d('2026-02-17'), { strict: true });
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 56_833n, interest: 1_833n, overduePrincipal: 833_333n, principal: 0n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n });
    expect(() => computeLoanState(noPrepay, [pay('2026-02-16', 892_000n)], d('2026-02-16'), { strict: true })).toThrow(OverpaymentError);
  });

  it('two days after: one day of penalty on the overdue principal', () => {
    // Penalty 16/02–17/02: 833.333 × 0,55 % × 130 % / 30 = 198,61 → 199
    // Normal 15/02–17/02: 1.833,33 (10.000.000) + 1.680,56 (9.166.667) = 3.513,89 → 3.514
    // Payable: 199 + 56.833 + 3.514 + 833.333 = 893.879
    const state = computeLoanState(noPrepay, [pay('2026-02-17', 893_879n, 'p')], d('2026-02-18'), { strict: true });
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 57_032n, interest: 3_514n, overduePrincipal: 833_333n, principal: 0n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n });
  });

  it('paying the paper amount one day late leaves the extra day of interest as overdue principal', () => {
    // 890.166 on 16/02: 56.833 overdue interest, 1.833 interest, leaves 831.500 for principal → 1.833 still overdue
    const state = computeLoanState(base, [pay('2026-02-16', 890_166n, 'p')], d('2026-02-17'));
    expect(state.allocations.get('p')).toMatchObject({ overdueInterest: 56_833n, interest: 1_833n, overduePrincipal: 831_500n, prepayment: 0n });
    // Still overdue on 17/02: the oldest unpaid due date is 15/02 → 2 days
    expect(state).toMatchObject({ overduePrincipal: 1_833n, daysPastDue: 2 });
    expect(ageingBucket(state.daysPastDue)).toBe('1-90');
  });
});

describe('partial payments', () => {
  it('a due-date payment that does not cover the interest leaves interest and principal overdue', () => {
    // 50.000 on 15/02 pays interest only; 56.833 − 50.000 = 6.833 interest and 833.333 principal remain.
    const events = [pay('2026-02-15', 50_000n, 'p')];
    expect(computeLoanState(base, events, d('2026-02-15')).allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 50_000n, overduePrincipal: 0n, principal: 0n, prepayment: 0n });
    expect(computeLoanState(base, events, d('2026-02-16'))).toMatchObject({ overdueInterest: 6_833n, overduePrincipal: 833_333n, daysPastDue: 1 });
    // 17/02: plus one day of penalty 198,61 → 199: 6.833 + 199 = 7.032
    expect(computeLoanState(base, events, d('2026-02-17'))).toMatchObject({ overdueInterest: 7_032n, daysPastDue: 2 });
  });

  it('a partial payment before the due date, below interest to date, does not make the loan overdue', () => {
    // 25/01: interest to date 15/01–25/01 = 10 days × 1.833,33 = 18.333; the borrower pays 10.000.
    // Nothing falls due before 15/02, so on 26/01 nothing can be overdue.
    const events = [pay('2026-01-25', 10_000n)];
    const next = computeLoanState(base, events, d('2026-01-26'));
    expect(next).toMatchObject({ overdueInterest: 0n, overduePrincipal: 0n, daysPastDue: 0 });
    // Still owed, not overdue: 18.333 − 10.000 = 8.333 + 25/01–26/01 1.833,33 → 1.833 = 10.166
    expect(next.accruedInterest + next.overdueInterest).toBe(10_166n);
    // On 16/02 (nothing more paid) the oldest unpaid due date is 15/02, so 1 day past due, not 22 (from 25/01).
    expect(computeLoanState(base, events, d('2026-02-16')).daysPastDue).toBe(1);
  });

  it('interest paid mid-period shows on the instalment it belongs to', () => {
    // 18.333 paid on 25/01 + 38.500 closed on 15/02 = 56.833, the paper figure for instalment 1.
    const state = computeLoanState(base, [pay('2026-01-25', 18_333n)], d('2026-02-15'));
    expect(row(state, 1)).toMatchObject({ interestDue: 56_833n, interestPaid: 18_333n });
  });

  it('several payments on the same day add up exactly like one', () => {
    // 500.000 + 390.166 = 890.166 = 56.833 + 833.333 (the due amount); a third payment of 1 ₫ is excess.
    const events = [pay('2026-02-15', 500_000n, 'a'), pay('2026-02-15', 390_166n, 'b')];
    const state = computeLoanState(noPrepay, events, d('2026-02-16'), { strict: true });
    expect(state.allocations.get('a')).toEqual({ overdueInterest: 0n, interest: 56_833n, overduePrincipal: 0n, principal: 443_167n, prepayment: 0n });
    expect(state.allocations.get('b')).toEqual({ overdueInterest: 0n, interest: 0n, overduePrincipal: 0n, principal: 390_166n, prepayment: 0n });
    expect(state).toMatchObject({ outstandingPrincipal: 9_166_667n, daysPastDue: 0, interestPaid: 56_833n });
    const error = overpayment(() => computeLoanState(noPrepay, [...events, pay('2026-02-15', 1n, 'c')], d('2026-02-15'), { strict: true }));
    expect(error.excess).toBe(1n);
  });
});

describe('prepayment and overpayment', () => {
  it('prepayment disallowed: mid-period, only interest to date is accepted', () => {
    // 25/01: payable = interest 18.333; 30.000 − 18.333 = 11.667 refused.
    const error = overpayment(() => computeLoanState(noPrepay, [pay('2026-01-25', 30_000n)], d('2026-01-25'), { strict: true }));
    expect([error.excess, error.payable]).toEqual([11_667n, 18_333n]);
  });

  it('prepayment disallowed: paying the instalment 5 days early is refused beyond interest to date', () => {
    // 10/02: 26 days × 1.833,33 = 47.666,67 → 47.667 payable; 890.166 − 47.667 = 842.499 refused.
    const error = overpayment(() => computeLoanState(noPrepay, [pay('2026-02-10', 890_166n)], d('2026-02-10'), { strict: true }));
    expect([error.excess, error.payable]).toEqual([842_499n, 47_667n]);
    // Imported history (not strict): the excess is recorded as rejected, principal untouched.
    const state = computeLoanState(noPrepay, [pay('2026-02-10', 890_166n, 'p')], d('2026-02-10'));
    expect(state.rejected.get('p')).toBe(842_499n);
    expect(state).toMatchObject({ outstandingPrincipal: 10_000_000n, interestPaid: 47_667n, principalPaid: 0n });
  });

  it('an overpayment in imported history is flagged, never kept: the loan closes and the excess is rejected', () => {
    // Payable on 15/02 = 10.056.833; 20.000.000 − 10.056.833 = 9.943.167
    const state = computeLoanState(base, [pay('2026-02-15', 20_000_000n, 'p')], d('2026-02-15'));
    expect(state.rejected.get('p')).toBe(9_943_167n);
    expect(state).toMatchObject({ status: 'CLOSED', principalPaid: 10_000_000n, interestPaid: 56_833n });
  });
});

describe('closing', () => {
  // Paper schedule, 0,55 %/month, declining, principal 833.333 × 11 + 833.337:
  //  k outstanding days interest
  //  1 10.000.000 31 56.833,33 → 56.833     7 5.000.002 31 28.416,68 → 28.417
  //  2  9.166.667 28 47.055,56 → 47.056     8 4.166.669 31 23.680,57 → 23.681
  //  3  8.333.334 31 47.361,12 → 47.361     9 3.333.336 30 18.333,35 → 18.333
  //  4  7.500.001 30 41.250,01 → 41.250    10 2.500.003 31 14.208,35 → 14.208
  //  5  6.666.668 31 37.888,90 → 37.889    11 1.666.670 30  9.166,69 →  9.167
  //  6  5.833.335 30 32.083,34 → 32.083    12   833.337 31  4.736,13 →  4.736
  // Total interest 361.014.
  const interest = [56_833n, 47_056n, 47_361n, 41_250n, 37_889n, 32_083n, 28_417n, 23_681n, 18_333n, 14_208n, 9_167n, 4_736n];
  const dueDates = ['2026-02-15', '2026-03-15', '2026-04-15', '2026-05-15', '2026-06-15', '2026-07-15', '2026-08-15', '2026-09-15', '2026-10-15', '2026-11-15', '2026-12-15', '2027-01-15'];
  const onTime = dueDates.map((date, k) => pay(date, interest[k]! + (k === 11 ? 833_337n : 833_333n)));

  it('the paper schedule matches the hand table', () => {
    expect(buildSchedule(base).map((i) => i.interest)).toEqual(interest);
  });

  it('paying the paper schedule on time closes the loan on the last due date, and it stays closed', () => {
    const atEnd = computeLoanState(noPrepay, onTime, d('2027-01-15'), { strict: true });
    expect(atEnd).toMatchObject({ status: 'CLOSED', outstandingPrincipal: 0n, principalPaid: 10_000_000n, interestPaid: 361_014n, accruedInterest: 0n, overdueInterest: 0n });
    const later = computeLoanState(noPrepay, onTime, d('2027-06-01'));
    expect(later).toMatchObject({ status: 'CLOSED', accruedInterest: 0n, overdueInterest: 0n, daysPastDue: 0 });
  });

  it('one đồng short does not close the loan', () => {
    // 10.056.833 − 1 pays interest 56.833 and all principal but 1 ₫.
    const state = computeLoanState(base, [pay('2026-02-15', 10_056_832n)], d('2026-02-15'));
    expect(state).toMatchObject({ status: 'ACTIVE', outstandingPrincipal: 1n });
  });
});

describe('grace and quarterly principal', () => {
  const terms: LoanTerms = { ...noPrepay, graceMonths: 3, principalEveryMonths: 3 };

  it('grace months take interest only: one đồng more is refused', () => {
    // 15/02: interest 56.833, no principal due and prepayment not allowed.
    expect(overpayment(() => computeLoanState(terms, [pay('2026-02-15', 56_834n)], d('2026-02-15'), { strict: true })).excess).toBe(1n);
  });

  it('the first quarterly principal falls due in month 6 and is overdue the day after', () => {
    // Interest only, by days on 10.000.000 (1.833,33/day): 31 d 56.833, 28 d 51.333, 31 d 56.833, 30 d 55.000, 31 d 56.833
    const events = [
      pay('2026-02-15', 56_833n),
      pay('2026-03-15', 51_333n),
      pay('2026-04-15', 56_833n),
      pay('2026-05-15', 55_000n),
      pay('2026-06-15', 56_833n),
    ];
    const schedule = buildSchedule(terms);
    // Month 6 (15/07): principal 3.333.333, interest 15/06–15/07 30 days = 55.000
    expect(schedule[5]).toMatchObject({ dueDate: d('2026-07-15'), principal: 3_333_333n, interest: 55_000n });
    const state = computeLoanState(terms, events, d('2026-07-16'), { strict: true });
    expect(state).toMatchObject({ overduePrincipal: 3_333_333n, overdueInterest: 55_000n, daysPastDue: 1, outstandingPrincipal: 10_000_000n });
  });
});

describe('flat interest in the ledger', () => {
  it('interest stays on the original amount after principal is repaid', () => {
    const terms: LoanTerms = { ...noPrepay, interestMethod: 'FLAT' };
    // 15/02: 56.833 + 833.333 = 890.166; 15/03: 28 d on 10.000.000 = 51.333 + 833.333 = 884.666;
    // 15/04: 31 d on 10.000.000 (not 8.333.334) = 56.833 + 833.333 = 890.166
    const events = [pay('2026-02-15', 890_166n), pay('2026-03-15', 884_666n), pay('2026-04-15', 890_166n, 'p3')];
    const state = computeLoanState(terms, events, d('2026-04-16'), { strict: true });
    expect(state.allocations.get('p3')).toMatchObject({ interest: 56_833n, principal: 833_333n });
    // 10.000.000 − 3 × 833.333 = 7.500.001
    expect(state).toMatchObject({ outstandingPrincipal: 7_500_001n, daysPastDue: 0, overdueInterest: 0n });
    expect(buildSchedule(terms)[1]!.interest).toBe(51_333n);
  });
});

describe('extension', () => {
  it('extended before its due date: instalment 1 interest moves to the new date, not onto instalment 2', () => {
    // Instalment 1 (due 15/02) extended on 10/02 to 15/05. On 15/03 instalment 2 is due:
    // interest 15/02–15/03 = 28 days on 10.000.000 (instalment 1 principal is extended, not overdue) = 51.333,33 → 51.333
    // The borrower pays 51.333 + 833.333 = 884.666 and must be current.
    const events: LoanEvent[] = [
      { kind: 'EXTENSION', id: 'e', date: d('2026-02-10'), instalmentNo: 1, newDueDate: d('2026-05-15') },
      pay('2026-03-15', 884_666n, 'p'),
    ];
    const state = computeLoanState(base, events, d('2026-03-16'));
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 51_333n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n });
  });

  it('what the sheet asks after an extension leaves out the moved interest, so a loan without prepayment accepts it', () => {
    // As above: instalment 1 (interest 15/01–15/02 = 31 d on 10.000.000 = 56.833,33 → 56.833) extended on
    // 10/02 to 15/05. On 15/03 the arrears are 51.333 + 833.333 = 884.666; the 56.833 falls due on 15/05.
    const terms = { ...base, allowPrepayment: false };
    const extension: LoanEvent = { kind: 'EXTENSION', id: 'e', date: d('2026-02-10'), instalmentNo: 1, newDueDate: d('2026-05-15') };
    const state = computeLoanState(terms, [extension], d('2026-03-15'));
    expect(state.deferredInterest).toBe(56_833n);
    expect(payableOn(state)).toBe(884_666n);
    const paid = computeLoanState(terms, [extension, pay('2026-03-15', 884_666n, 'p')], d('2026-03-15'), { strict: true });
    expect(paid.allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 51_333n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
    // On 15/05 the moved interest is due with instalment 4's: nothing is deferred any more.
    expect(computeLoanState(terms, [extension, pay('2026-03-15', 884_666n, 'p')], d('2026-05-15')).deferredInterest).toBe(0n);
  });

  it('extended after falling due: paying the next instalment as due keeps the loan current', () => {
    // Instalment 1 unpaid on 15/02, extended on 01/03 to 15/05.
    // Penalty 16/02–01/03 = 13 days: 833.333 × 0,55 % × 130 % × 13/30 = 2.581,94 → 2.582 (earned while overdue)
    // Interest 15/02–15/03: 1 d on 10.000.000 (1.833,33) + 13 d on 9.166.667 (21.847,22) + 14 d on 10.000.000 (25.666,67)
    //   = 49.347,22 → 49.347
    // Due 15/03: 2.582 + 49.347 + 833.333 = 885.262. Instalment 1's 56.833 is not due until 15/05.
    const events: LoanEvent[] = [
      { kind: 'EXTENSION', id: 'e', date: d('2026-03-01'), instalmentNo: 1, newDueDate: d('2026-05-15') },
      pay('2026-03-15', 885_262n, 'p'),
    ];
    expect(computeLoanState(base, events.slice(0, 1), d('2026-03-02'))).toMatchObject({ overduePrincipal: 0n, overdueInterest: 2_582n, daysPastDue: 0 });
    const state = computeLoanState(base, events, d('2026-03-16'));
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 2_582n, interest: 49_347n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
    expect(state).toMatchObject({ daysPastDue: 0, overduePrincipal: 0n, overdueInterest: 0n });
  });

  it('after an extension each instalment keeps its own interest on its row of the schedule', () => {
    // Same extension (01/03, instalment 1 → 15/05), nothing paid, as of 16/03:
    // row 1: interest of 15/01–15/02 = 56.833, now due 15/05; row 2: 49.347 (above), due 15/03; row 3: not yet due.
    const events: LoanEvent[] = [{ kind: 'EXTENSION', id: 'e', date: d('2026-03-01'), instalmentNo: 1, newDueDate: d('2026-05-15') }];
    const state = computeLoanState(base, events, d('2026-03-16'));
    expect(row(state, 1)).toMatchObject({ dueDate: d('2026-05-15'), originalDueDate: d('2026-02-15'), interestDue: 56_833n });
    expect(row(state, 2)).toMatchObject({ dueDate: d('2026-03-15'), interestDue: 49_347n });
    expect(row(state, 3)).toMatchObject({ dueDate: d('2026-04-15'), interestDue: null });
  });

  it('an extended instalment is overdue from the day after its new due date', () => {
    // Nothing paid. On 15/05 only instalments 2 (15/03) and 3 (15/04) are overdue: 2 × 833.333 = 1.666.666.
    // On 16/05 instalments 1 (extended to 15/05), 2, 3 and 4 are all overdue: 4 × 833.333 = 3.333.332.
    // Oldest unpaid due date is instalment 2's 15/03: 15/03–16/05 = 31 + 30 + 1 = 62 days.
    const events: LoanEvent[] = [{ kind: 'EXTENSION', id: 'e', date: d('2026-02-10'), instalmentNo: 1, newDueDate: d('2026-05-15') }];
    expect(computeLoanState(base, events, d('2026-05-15')).overduePrincipal).toBe(1_666_666n);
    expect(computeLoanState(base, events, d('2026-05-16'))).toMatchObject({ overduePrincipal: 3_333_332n, daysPastDue: 62 });
  });
});

describe('rounding once per period', () => {
  it('a payment settles interest to its date, so daily payments can differ from the paper schedule by a đồng', () => {
    // Documented rule (ledger.ts header): interest is rounded at each due date and at each payment.
    // 16/01, 17/01, 18/01: 1 day each = 1.833,33 → 1.833 (×3 = 5.499); 18/01–15/02 = 28 d = 51.333,33 → 51.333.
    // Period total 56.832, while the paper schedule (one rounding of 56.833,33) says 56.833.
    const events = [pay('2026-01-16', 1_833n), pay('2026-01-17', 1_833n), pay('2026-01-18', 1_833n)];
    const state = computeLoanState(base, events, d('2026-02-15'));
    expect(state.accruedInterest).toBe(51_333n);
    expect(state.interestPaid + state.accruedInterest).toBe(56_832n);
  });
});

describe('days past due and ageing', () => {
  it('bucket boundaries', () => {
    expect([0, 1, 90, 91, 180, 181, 360, 361].map(ageingBucket)).toEqual(['0', '1-90', '1-90', '91-180', '91-180', '181-360', '181-360', '>360']);
  });

  it('an unpaid loan ages from the oldest unpaid due date', () => {
    // 15/02 → 16/05 = 28 + 31 + 30 + 1 = 90 days; 17/05 = 91
    expect(computeLoanState(base, [], d('2026-05-16')).daysPastDue).toBe(90);
    expect(ageingBucket(computeLoanState(base, [], d('2026-05-17')).daysPastDue)).toBe('91-180');
    // 15/02/2026 + 365 days = 15/02/2027, so 10/02/2027 is day 360 and 11/02/2027 day 361
    expect(computeLoanState(base, [], d('2027-02-10')).daysPastDue).toBe(360);
    expect(ageingBucket(computeLoanState(base, [], d('2027-02-11')).daysPastDue)).toBe('>360');
  });

  it('paying the oldest instalment moves the age to the next unpaid due date', () => {
    // Nothing paid until 20/03.
    // Penalty rounded at 15/03 (a due date): instalment 1, 16/02–15/03 = 27 days:
    //   833.333 × 0,55 % × 130 % × 27/30 = 5.958,33 × 0,9 = 5.362,50 (exactly 5.362,4979) → 5.362
    // then 15/03–20/03: instalment 1 for 5 days + instalment 2 from 16/03 for 4 days = 9 overdue-days:
    //   5.958,33 × 9/30 = 1.787,4993 → 1.787; penalty total 7.149
    // Overdue interest = 56.833 (instalment 1) + 47.208 (instalment 2, as in engine.test.ts) + 7.149 = 111.190
    // Interest to date, 15/03–20/03: 1 day on 10.000.000 − 833.333 = 9.166.667 (1.680,56)
    //   + 4 days on 10.000.000 − 1.666.666 = 8.333.334 (4 × 1.527,78 = 6.111,11) = 7.791,67 → 7.792
    const before = computeLoanState(base, [], d('2026-03-20'));
    expect(before).toMatchObject({ overdueInterest: 111_190n, accruedInterest: 7_792n, daysPastDue: 33 });
    // The borrower pays all interest and instalment 1's principal: 111.190 + 7.792 + 833.333 = 952.315
    const state = computeLoanState(base, [pay('2026-03-20', 952_315n, 'p')], d('2026-03-20'));
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 111_190n, interest: 7_792n, overduePrincipal: 833_333n, principal: 0n, prepayment: 0n });
    // Instalment 1 is cleared, instalment 2 (due 15/03) is now the oldest unpaid: 15/03–20/03 = 5 days
    expect(row(state, 1).principalPaid).toBe(833_333n);
    expect(state).toMatchObject({ overduePrincipal: 833_333n, overdueInterest: 0n, daysPastDue: 5 });
  });
});

describe('a payment known by its principal alone (bank extracts)', () => {
  const byPrincipal = (date: string, principal: bigint, id = date): LoanEvent => ({ kind: 'PAYMENT', id, date: d(date), amount: principal, withInterestDue: true });

  it('pays the interest due that day on top: the split of the same amount given in full', () => {
    // The case above: on 20/03 the interest due is 111.190 overdue + 7.792 to date; principal 833.333.
    const state = computeLoanState(base, [byPrincipal('2026-03-20', 833_333n, 'p')], d('2026-03-20'));
    expect(state.allocations.get('p')).toEqual({ overdueInterest: 111_190n, interest: 7_792n, overduePrincipal: 833_333n, principal: 0n, prepayment: 0n });
    // On time on 15/02 (see the calendar case): 56.833 interest with the 833.333 principal.
    const onTime = computeLoanState(base, [byPrincipal('2026-02-15', 833_333n, 'p')], d('2026-02-15'));
    expect(onTime.allocations.get('p')).toEqual({ overdueInterest: 0n, interest: 56_833n, overduePrincipal: 0n, principal: 833_333n, prepayment: 0n });
  });

  it('follows the payments before it, and a principal beyond what may be paid is refused like any excess', () => {
    const events = [pay('2026-02-15', 890_166n, 'a'), byPrincipal('2026-03-15', 833_333n, 'b')];
    const state = computeLoanState(base, events, d('2026-03-15'));
    // The interest it carries is the interest to date the ledger shows on 15/03 before it.
    const split = state.allocations.get('b')!;
    expect(split.principal + split.overduePrincipal + split.prepayment).toBe(833_333n);
    expect(split.interest + split.overdueInterest).toBe(computeLoanState(base, events.slice(0, 1), d('2026-03-15')).accruedInterest);
    const refused = computeLoanState(noPrepay, [byPrincipal('2026-02-15', 900_000n, 'p')], d('2026-02-15'));
    expect(refused.rejected.get('p')).toBe(900_000n - 833_333n);
  });
});
