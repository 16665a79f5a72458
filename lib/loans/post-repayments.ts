import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { auditActorOf, writeAuditMany } from '@/lib/audit';
import type { LoanTransaction, Tx } from '@/lib/db';
import { bulkInsert } from '@/lib/db/bulk-insert';
import { refreshStatisticsOnEmbedded } from '@/lib/db/planner-statistics';
import type { LoanState } from './engine/ledger';
import { writeCachedFigures, writeResplits } from './loan-figures';
import type { LoanWithTerms } from './loan-terms';
import type { PlannedRepayment } from './plan-repayments';

export interface LoanRepayments {
  /** Locked by the caller, its postings read after the lock (or proven unchanged since). */
  loan: LoanWithTerms & { transactions: LoanTransaction[] };
  lines: (PlannedRepayment & { idempotencyKey: string })[];
  /** The loan's state as of `asOf` with the lines (planRepayments). */
  state: LoanState;
}

/** What the ledger snapshots' triggers read (migration ledger_months). */
export const LEDGER_TABLES = ['Loan', 'LoanTransaction', 'LoanMove', 'LoanSpan', 'LedgerMonth'];

const COLUMNS = {
  id: 'uuid', loanId: 'uuid', kind: '"LoanTransactionKind"', date: 'date', amount: 'bigint', principal: 'bigint', interest: 'bigint',
  overdueInterest: 'bigint', idempotencyKey: 'text', note: 'text', postedById: 'uuid',
};

/**
 * Posts repayments judged by planRepayments on many loans at once (an import), leaving what posting
 * them one by one with postRepayment leaves: the same rows and splits, each loan's other postings
 * re-split where the ledger says so, its cached figures as of `asOf`, one audit entry per posting.
 * Set-based: one INSERT for every row (so the ledger snapshots' trigger runs once), one UPDATE for
 * every loan's figures, the audit entries in bulk.
 */
export async function postPlannedRepayments(actor: Actor, tx: Tx, loans: LoanRepayments[], asOf: Date, note = 'import') {
  // In loan order (each loan's lines in date order already): the indexes on the loan fill in sequence.
  const ordered = [...loans].sort((a, b) => (a.loan.id < b.loan.id ? -1 : a.loan.id > b.loan.id ? 1 : 0));
  const rows = ordered.flatMap(({ loan, lines }) =>
    lines.map((line) => ({
      id: randomUUID(), loanId: loan.id, kind: 'REPAYMENT' as const, date: line.date, amount: line.amount, principal: line.principal, interest: line.interest,
      overdueInterest: line.overdueInterest, idempotencyKey: `${loan.id}:${line.idempotencyKey}`, note, postedById: actor.userId,
    })),
  );
  await refreshStatisticsOnEmbedded(tx, LEDGER_TABLES);
  await bulkInsert(tx, 'LoanTransaction', COLUMNS, rows);
  for (const { loan, state } of loans) await writeResplits(tx, loan.transactions, state, actor);
  await writeCachedFigures(tx, loans.map(({ loan, state }) => ({ id: loan.id, state, asOf })));
  const numberOf = new Map(loans.map(({ loan }) => [loan.id, loan.number]));
  await writeAuditMany(tx, auditActorOf(actor), rows.map((row) => ({
    action: 'loan.repayment', entity: 'LoanTransaction', entityId: row.id, after: { loan: numberOf.get(row.loanId), ...row },
  })));
  return rows;
}
