import type { LoanTransaction } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { formatThousands } from '@/lib/money';
import { computeLoanState, type LoanEvent, type LoanState } from './engine/ledger';
import { eventsOf, termsOf, type LoanWithTerms } from './loan-terms';
import { latestPostingDate, overpayment, repaymentRefusal } from './plan-repayment';

/**
 * One repayment of many to judge on a loan (an import): the amount paid, or the principal alone
 * (the interest due that day comes on top, as the ledger splits any payment: interest first). A
 * principal or interest given beside the amount must be what the ledger makes of it.
 */
export interface RepaymentLine {
  /** The caller's name for the line (an import's row number). */
  ref: number;
  date: Date;
  amount: bigint | null;
  principal: bigint | null;
  /** Interest and overdue interest together, as a bank or an export lists them. */
  interest: bigint | null;
}

export interface PlannedRepayment {
  ref: number;
  date: Date;
  amount: bigint;
  principal: bigint;
  interest: bigint;
  overdueInterest: bigint;
  /** True when the ledger worked out the interest (only the principal or the amount was given). */
  computed: boolean;
}

export interface RepaymentLineProblem {
  ref: number;
  /** The line's field the problem names. */
  field: 'amount' | 'principal' | 'date' | 'number';
  error: AppError;
}

const eventId = (ref: number) => `line-${ref}`;

function eventOf(line: RepaymentLine): LoanEvent {
  if (line.interest !== null) return { kind: 'PAYMENT', id: eventId(line.ref), date: line.date, amount: (line.principal ?? 0n) + line.interest };
  if (line.amount !== null) return { kind: 'PAYMENT', id: eventId(line.ref), date: line.date, amount: line.amount };
  return { kind: 'PAYMENT', id: eventId(line.ref), date: line.date, amount: line.principal ?? 0n, withInterestDue: true };
}

/** The line as the ledger placed it in `state`, or what is wrong with it. */
function judge(line: RepaymentLine, state: LoanState): PlannedRepayment | RepaymentLineProblem {
  const split = state.allocations.get(eventId(line.ref))!;
  const excess = state.rejected.get(eventId(line.ref)) ?? 0n;
  const principal = split.overduePrincipal + split.principal + split.prepayment;
  const interest = split.interest + split.overdueInterest;
  const amount = principal + interest + excess;
  const mismatch = () => ({
    ref: line.ref, field: 'principal' as const,
    error: new AppError('VALIDATION', 'imports.rows.splitMismatch', { principal: formatThousands(principal), interest: formatThousands(interest) }),
  });
  if (line.interest !== null) {
    // Given in full, as today: the principal must be the ledger's (so the interest is too).
    if (line.amount !== null && line.amount !== amount) return { ref: line.ref, field: 'amount', error: new AppError('VALIDATION', 'imports.rows.amountMismatch') };
    if (excess > 0n || principal !== line.principal) return mismatch();
  } else {
    if (amount <= 0n) return { ref: line.ref, field: line.amount !== null ? 'amount' : 'principal', error: new AppError('VALIDATION', 'loans.amountPositive') };
    if (excess > 0n) return { ref: line.ref, field: line.amount !== null ? 'amount' : 'principal', error: overpayment(amount, excess) };
    if (line.principal !== null && principal !== line.principal) return mismatch();
  }
  const computed = line.interest === null;
  return { ref: line.ref, date: line.date, amount, principal, interest: split.interest, overdueInterest: split.overdueInterest, computed };
}

const isProblem = (x: PlannedRepayment | RepaymentLineProblem): x is RepaymentLineProblem => 'error' in x;

/**
 * Judges many repayments of one loan in date order, in memory, by the rules of a single posting
 * (planRepayment: status, amount, not before disbursement nor the latest posting, nothing above
 * what is payable) and the same engine: each line is split as posting it after the ones before
 * would split it. A refused line is left out and the next ones are judged without it. Returns the
 * accepted lines with their split, the problems, and the loan's state as of `asOf` with the lines.
 * One replay of the loan when every line is accepted; one per line otherwise (to name each problem).
 */
export function planRepayments(loan: LoanWithTerms & { transactions: LoanTransaction[] }, lines: RepaymentLine[], asOf: Date) {
  const terms = termsOf(loan);
  const posted = eventsOf(loan.transactions);
  const latest = latestPostingDate(loan.transactions);
  const problems: RepaymentLineProblem[] = [];
  const sorted = [...lines].sort((a, b) => a.date.getTime() - b.date.getTime() || a.ref - b.ref);
  const candidates = sorted.filter((line) => {
    const amount = line.interest !== null ? (line.principal ?? 0n) + line.interest : line.amount;
    const refusal = repaymentRefusal(loan, latest, { date: line.date, amount });
    if (refusal) problems.push({ ref: line.ref, field: refusal.messageKey === 'loans.wrongStatus' ? 'number' : refusal.messageKey === 'loans.amountPositive' ? 'amount' : 'date', error: refusal });
    return !refusal;
  });
  const last = candidates.at(-1)?.date;
  const until = [asOf, loan.disbursedAt!, ...(last ? [last] : [])].reduce((a, b) => (a > b ? a : b));
  const all = computeLoanState(terms, [...posted, ...candidates.map(eventOf)], until);
  const judged = candidates.map((line) => judge(line, all));
  if (!judged.some(isProblem)) return { planned: judged as PlannedRepayment[], problems, state: all };

  const events = [...posted];
  const planned: PlannedRepayment[] = [];
  for (const line of candidates) {
    events.push(eventOf(line));
    const result = judge(line, computeLoanState(terms, events, line.date));
    if (isProblem(result)) {
      problems.push(result);
      events.pop();
    } else planned.push(result);
  }
  return { planned, problems, state: computeLoanState(terms, events, until) };
}
