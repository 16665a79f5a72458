import type { Actor } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { isoDate } from '@/lib/calendar/date-only';
import { db, type LoanTransaction, type Tx } from '@/lib/db';
import { computeLoanState, type LoanState } from './engine/ledger';
import { eventsOf, termsOf, type LoanWithTerms } from './loan-terms';

// The owner of a loan's derived figures. The engine (./engine/ledger.ts) computes them from the
// loan's postings; this module is the one path that writes them where they are kept:
// - the split of each repayment (principal, interest, overdue interest) on its LoanTransaction row,
//   which the database's ledger snapshots (LedgerMonth, LoanSpan: migration ledger_months) and the
//   posting sums of lib/ledger read;
// - the loan's cached list columns (status, outstanding, overdue, days past due, as of a day), which
//   lists, dashboards and today's overdue read. Postings refresh their own loan in their
//   transaction; time makes loans overdue without any posting, so the server's nightly job
//   (lib/jobs) brings every open loan up to the new day. Reads never write: they show "as of".

/** The cached list columns of a loan in a ledger state computed as of `asOf`. */
export function cachedColumnsOf(state: LoanState, asOf: Date) {
  const status = state.status === 'ACTIVE' ? ('DISBURSED' as const) : state.status;
  return {
    status, cachedOutstanding: state.outstandingPrincipal, cachedOverdue: state.overduePrincipal, cachedDaysPastDue: state.daysPastDue, cachedAsOf: asOf,
  };
}

/** A disbursed loan's state as of a day (never before its disbursement). */
export function loanStateOn(loan: LoanWithTerms & { transactions: LoanTransaction[] }, asOf: Date): LoanState {
  return computeLoanState(termsOf(loan), eventsOf(loan.transactions), asOf > loan.disbursedAt! ? asOf : loan.disbursedAt!);
}

/** Writes the cached columns of many loans in one statement (each column one array parameter). */
export async function writeCachedFigures(tx: Tx, loans: { id: string; state: LoanState; asOf: Date }[]) {
  if (loans.length === 0) return;
  const columns = loans.map(({ state, asOf }) => cachedColumnsOf(state, asOf));
  const text = (values: unknown[]) => values.map((v) => (v instanceof Date ? isoDate(v) : String(v)));
  await tx.$executeRaw`
    UPDATE "Loan" AS l SET "status" = v.status, "cachedOutstanding" = v.outstanding, "cachedOverdue" = v.overdue,
      "cachedDaysPastDue" = v.days, "cachedAsOf" = v.as_of, "updatedAt" = now()
    FROM unnest(${loans.map((l) => l.id)}::text[]::uuid[], ${text(columns.map((c) => c.status))}::text[]::"LoanStatus"[],
      ${text(columns.map((c) => c.cachedOutstanding))}::text[]::bigint[], ${text(columns.map((c) => c.cachedOverdue))}::text[]::bigint[],
      ${text(columns.map((c) => c.cachedDaysPastDue))}::text[]::int[], ${text(columns.map((c) => c.cachedAsOf))}::text[]::date[])
      AS v(id, status, outstanding, overdue, days, as_of)
    WHERE l."id" = v.id`;
}

/**
 * Writes the split the ledger now gives each live repayment of a loan where it differs from the
 * stored one (a reversal or an earlier posting can change how later ones split), audited.
 */
export async function writeResplits(tx: Tx, transactions: LoanTransaction[], state: LoanState, actor?: Actor) {
  for (const t of transactions) {
    const split = state.allocations.get(t.id);
    if (!split || t.reversedAt) continue;
    const principal = split.overduePrincipal + split.principal + split.prepayment;
    if (t.principal !== principal || t.interest !== split.interest || t.overdueInterest !== split.overdueInterest) {
      const data = { principal, interest: split.interest, overdueInterest: split.overdueInterest };
      const after = await tx.loanTransaction.update({ where: { id: t.id }, data });
      await writeAudit(tx, actor ? auditActorOf(actor) : null, { action: 'loan.resplit', entity: 'LoanTransaction', entityId: t.id, before: t, after });
    }
  }
}

/**
 * Recomputes a disbursed loan from its postings (row locked) and writes every figure it owns: the
 * split of each repayment (a reversal can change how later ones split) and the cached columns.
 */
export async function refreshLoan(tx: Tx, loanId: string, asOf = todayInVietnam(), actor?: Actor) {
  // Locked, so a refresh cannot write back figures older than a posting committed meanwhile.
  await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "id" = ${loanId}::uuid FOR UPDATE`;
  const loan = await tx.loan.findUniqueOrThrow({ where: { id: loanId }, include: { programme: { include: { rates: true } }, transactions: true } });
  if (!loan.disbursedAt) return null;
  const state = loanStateOn(loan, asOf);
  await writeResplits(tx, loan.transactions, state, actor);
  await writeCachedFigures(tx, [{ id: loanId, state, asOf }]);
  return state;
}

/** Loans refreshed per transaction by the nightly refresh. */
const REFRESH_BATCH = 500;

/**
 * Brings the cached figures of every open loan whose figures are older than `asOf` up to it, in
 * batches of one transaction each (rows locked, as a posting would). Returns how many were
 * refreshed. Run by the nightly job and by `npm run loans:refresh`.
 */
export async function refreshOpenLoans(asOf = todayInVietnam(), onBatch?: (done: number) => void): Promise<number> {
  let done = 0;
  for (;;) {
    const stale = await db.loan.findMany({
      where: { status: { in: ['DISBURSED', 'FROZEN'] }, OR: [{ cachedAsOf: null }, { cachedAsOf: { lt: asOf } }] },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: REFRESH_BATCH,
    });
    if (stale.length === 0) return done;
    await db.$transaction(
      async (tx) => {
        const ids = stale.map((l) => l.id);
        await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "id" = ANY(${ids}::uuid[]) FOR UPDATE`;
        const loans = await tx.loan.findMany({ where: { id: { in: ids } }, include: { programme: { include: { rates: true } }, transactions: true } });
        await writeCachedFigures(tx, loans.filter((l) => l.disbursedAt).map((loan) => ({ id: loan.id, state: loanStateOn(loan, asOf), asOf })));
      },
      { timeout: 120_000 },
    );
    done += stale.length;
    onBatch?.(done);
  }
}
