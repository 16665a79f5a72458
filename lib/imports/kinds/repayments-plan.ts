import { isoDate } from '@/lib/calendar/date-only';
import type { LoanTransaction, ProgrammeRate, Tx } from '@/lib/db';
import type { LoanState } from '@/lib/loans/engine/ledger';
import type { LoanWithTerms } from '@/lib/loans/loan-terms';
import { planRepayments, type PlannedRepayment, type RepaymentLine } from '@/lib/loans/plan-repayments';
import { issue, type RowIssue } from './kind';
import type { ParsedRepayment } from './repayments-kind';

// The repayments import's judgement of one loan's rows: which are already there (re-imported),
// which are new and how the ledger splits them, and the idempotency key each new one is posted with.

export type RepaymentRow = RepaymentLine & { number: string };
type LoanWithPostings = LoanWithTerms & { transactions: LoanTransaction[] };

export interface LoanPlan {
  loan: LoanWithPostings;
  lines: (PlannedRepayment & { idempotencyKey: string })[];
  state: LoanState;
  asOf: Date;
}

/**
 * What a row is known by, to find it among the repayments an earlier import posted: the split when
 * the row gives it, else the principal, else the amount (a bank extract read twice posts nothing).
 */
function signatureOf(row: { date: Date; principal: bigint | null; interest: bigint | null; amount: bigint | null }) {
  const day = isoDate(row.date);
  if (row.interest !== null) return `split|${day}|${row.principal}|${row.interest}`;
  if (row.amount !== null) return `amount|${day}|${row.amount}`;
  return `principal|${day}|${row.principal}`;
}

/** Keys `<loan>:import:<day>:<principal>:<interest>:<rank>`, as imports have always posted them. */
const IMPORT_KEY = /:import:(\d{4}-\d{2}-\d{2}):(\d+):(\d+):\d+$/;

function importedSignatures(loan: LoanWithPostings) {
  const counts = new Map<string, number>();
  const add = (signature: string) => counts.set(signature, (counts.get(signature) ?? 0) + 1);
  for (const t of loan.transactions) {
    const match = t.kind === 'REPAYMENT' ? IMPORT_KEY.exec(t.idempotencyKey ?? '') : null;
    if (!match) continue;
    const [day, principal, interest] = [match[1]!, match[2]!, match[3]!];
    add(`split|${day}|${principal}|${interest}`);
    add(`principal|${day}|${principal}`);
    add(`amount|${day}|${t.amount}`);
  }
  return counts;
}

const column = (field: string, row: RepaymentRow) => (field === 'amount' && row.amount === null ? 'principal' : field);

/** Judges one loan's rows: unchanged ones (posted by an earlier import), new ones planned by the ledger. */
export function planLoanRows(loan: LoanWithPostings, rows: RepaymentRow[], asOf: Date, issues: RowIssue[]): ParsedRepayment[] {
  const imported = importedSignatures(loan);
  const seen = new Map<string, number>();
  const parsed: ParsedRepayment[] = [];
  const fresh: RepaymentRow[] = [];
  for (const row of [...rows].sort((a, b) => a.date.getTime() - b.date.getTime() || a.ref - b.ref)) {
    const signature = signatureOf(row);
    seen.set(signature, (seen.get(signature) ?? 0) + 1);
    if ((imported.get(signature) ?? 0) >= seen.get(signature)!) parsed.push({ rowNumber: row.ref, action: 'unchanged', plan: null });
    else fresh.push(row);
  }
  if (fresh.length === 0) return parsed;
  const { planned, problems, state } = planRepayments(loan, fresh, asOf);
  const byRef = new Map(fresh.map((r) => [r.ref, r]));
  for (const p of problems) issues.push(issue(p.ref, column(p.field, byRef.get(p.ref)!), p.error.messageKey, p.error.params));
  const keys = new Set(loan.transactions.flatMap((t) => (t.idempotencyKey ? [t.idempotencyKey] : [])));
  const plan: LoanPlan = { loan, lines: [], state, asOf };
  for (const line of planned) {
    const base = `import:${isoDate(line.date)}:${line.principal}:${line.interest + line.overdueInterest}`;
    let rank = 1;
    while (keys.has(`${loan.id}:${base}:${rank}`)) rank += 1;
    keys.add(`${loan.id}:${base}:${rank}`);
    plan.lines.push({ ...line, idempotencyKey: `${base}:${rank}` });
    parsed.push({ rowNumber: line.ref, action: 'create', plan });
  }
  return parsed;
}

type Postings = { status: string; transactions: Pick<LoanTransaction, 'postedAt' | 'reversedAt'>[]; programme: { rates: Pick<ProgrammeRate, 'effectiveFrom' | 'monthlyRate'>[] } };

/** What a loan's judgement rests on: its status, its postings (count, latest, reversals) and its programme's rates. */
export function fingerprintOf(loan: Postings): string {
  const latest = loan.transactions.reduce((m, t) => Math.max(m, t.postedAt.getTime()), 0);
  const reversals = loan.transactions.filter((t) => t.reversedAt).map((t) => t.reversedAt!.getTime()).sort().join(',');
  const rates = loan.programme.rates.map((r) => `${isoDate(r.effectiveFrom)}=${r.monthlyRate.toString()}`).sort().join(',');
  return `${loan.status}|${loan.transactions.length}|${latest}|${reversals}|${rates}`;
}

/** The same fingerprint of many loans read now, in three queries. */
export async function loanFingerprints(tx: Tx, ids: string[]): Promise<Map<string, string>> {
  const loans = await tx.loan.findMany({
    where: { id: { in: ids } },
    select: {
      id: true, status: true, transactions: { select: { postedAt: true, reversedAt: true } },
      programme: { select: { rates: { select: { effectiveFrom: true, monthlyRate: true } } } },
    },
  });
  return new Map(loans.map((l) => [l.id, fingerprintOf(l)]));
}
