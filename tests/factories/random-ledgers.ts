import fc from 'fast-check';
import { isoDate } from '@/lib/calendar/date-only';
import { addDays, daysBetween } from '@/lib/loans/engine/dates';

// Random loan ledgers, as data: 1–3 loans of different programmes and terms, disbursed on random
// days (month ends, 29/02/2028 and 31/12 often), each with a sequence of steps (repayments of
// chosen kinds, reversals, freezes, write-offs, extensions, moves to another group or commune, a
// disbursement corrected). ./post-random-ledger.ts posts them through the real services, for the
// property test lib/ledger/ledger-equals-engine.test.ts.

/** The app's "today" while the ledgers are posted: every generated date is on or before it. */
export const LEDGER_TODAY = '2029-06-30';

export const at = (date: string) => new Date(`${date}T00:00:00Z`);
export const monthEnd = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));

/** The programmes a loan is drawn from, with terms each allows: monthly, quarterly, at maturity, a grace period. */
export const PROGRAMME_TERMS = { HN: [12, 24, 36], HSSV: [12, 24], GQVL: [12, 24], TKCH: [6, 12], QQV: [12, 24], GRACE: [12, 18] } as const;
export type ProgrammeCode = keyof typeof PROGRAMME_TERMS;
export type Home = 'A1' | 'A2' | 'B1';

/** Days to the next posting, or the end of the month, or the loan's next due date. */
export type Gap = number | 'monthEnd' | 'nextDue';
export type PayKind = 'partial' | 'exact' | 'ahead' | 'payoff' | 'over';
export type Step =
  | { do: 'pay'; gap: Gap; amount: PayKind; permille: number }
  | { do: 'reverse'; pick: number }
  | { do: 'freeze'; gap: Gap }
  | { do: 'writeOff'; gap: Gap }
  | { do: 'extend'; gap: Gap; days: number }
  /** The borrower moves to the other group of her commune (loans along), dated `shift` days from the last posting. */
  | { do: 'transfer'; shift: number }
  /** Commune A settles its fund: the borrower and her open loans go to a group of commune B. */
  | { do: 'handover'; shift: number }
  /** A mistyped disbursement, before anything else is posted: reversed and paid out again (maybe later, maybe less). */
  | { do: 'redisburse'; shift: number; permille: number };

export interface LoanSpec {
  programme: ProgrammeCode;
  term: number;
  amount: number;
  disbursedOn: string;
  home: Home;
  steps: Step[];
}

export interface LedgerSpec {
  loans: LoanSpec[];
  /** Dates at which the posting sums are compared with the engine (besides every posting's date). */
  checkDays: string[];
  /** Days after LEDGER_TODAY to which the nightly refresh brings the open loans. */
  laterDays: number;
}

const FIRST_DAY = at('2027-01-01');
const dayArb = (from: Date, to: Date) => fc.integer({ min: 0, max: daysBetween(from, to) }).map((n) => isoDate(addDays(from, n)));
const disbursedOnArb = fc.oneof(
  { arbitrary: fc.constantFrom('2028-02-29', '2027-12-31', '2028-12-31', '2027-01-31', '2028-01-31', '2028-03-31', '2028-08-31', '2027-10-30'), weight: 2 },
  { arbitrary: dayArb(FIRST_DAY, at('2029-05-31')), weight: 3 },
);
const gapArb: fc.Arbitrary<Gap> = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 13, max: 95 }),
  fc.constant('monthEnd' as const),
  fc.constant('nextDue' as const),
);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.record({
      do: fc.constant('pay' as const),
      gap: gapArb,
      amount: fc.constantFrom<PayKind>('partial', 'partial', 'exact', 'exact', 'exact', 'ahead', 'ahead', 'payoff', 'over'),
      permille: fc.integer({ min: 1, max: 999 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ do: fc.constant('reverse' as const), pick: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('freeze' as const), gap: gapArb }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('writeOff' as const), gap: gapArb }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('extend' as const), gap: gapArb, days: fc.integer({ min: 1, max: 90 }) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('transfer' as const), shift: fc.integer({ min: -60, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('handover' as const), shift: fc.integer({ min: -60, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ do: fc.constant('redisburse' as const), shift: fc.integer({ min: 0, max: 40 }), permille: fc.integer({ min: 500, max: 1000 }) }) },
);
const loanArb: fc.Arbitrary<LoanSpec> = fc
  .record({
    programme: fc.constantFrom<ProgrammeCode>('HN', 'HN', 'HSSV', 'GQVL', 'TKCH', 'QQV', 'GRACE'),
    termPick: fc.nat(2),
    amount: fc.oneof(fc.integer({ min: 10, max: 100 }).map((n) => n * 100_000), fc.integer({ min: 1_000_000, max: 10_000_000 })),
    disbursedOn: disbursedOnArb,
    home: fc.constantFrom<Home>('A1', 'A2', 'B1'),
    steps: fc.array(stepArb, { maxLength: 9 }),
  })
  .map(({ termPick, ...l }) => ({ ...l, term: PROGRAMME_TERMS[l.programme][termPick % PROGRAMME_TERMS[l.programme].length]! }));

export const ledgerSpecArb: fc.Arbitrary<LedgerSpec> = fc.record({
  loans: fc.array(loanArb, { minLength: 1, maxLength: 3 }),
  checkDays: fc.array(dayArb(FIRST_DAY, at('2029-12-31')), { minLength: 2, maxLength: 4 }),
  laterDays: fc.integer({ min: 1, max: 400 }),
});

/** Ledgers whose loans all start in commune A and are handed over to commune B at some step. */
export const handoverSpecArb: fc.Arbitrary<LedgerSpec> = fc
  .tuple(ledgerSpecArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: -60, max: 20 })), { minLength: 3, maxLength: 3 }))
  .map(([spec, handovers]) => ({
    ...spec,
    loans: spec.loans.map((l, i) => {
      const [position, shift] = handovers[i]!;
      const steps = [...l.steps];
      steps.splice(position % (steps.length + 1), 0, { do: 'handover', shift });
      return { ...l, home: l.home === 'B1' ? ('A2' as const) : l.home, steps };
    }),
  }));
