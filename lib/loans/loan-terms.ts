import { db, type Loan, type LoanTransaction, type Programme, type ProgrammeRate, type Tx } from '@/lib/db';
import { todayInVietnam } from '@/lib/calendar/date-only';
import type { Actor } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { computeLoanState, type LoanEvent, type LoanState } from './engine/ledger';
import { percentToPpm, type LoanTerms } from './engine/terms';

export type LoanWithTerms = Loan & { programme: Programme & { rates: ProgrammeRate[] } };

const EVERY: Record<Programme['principalFrequency'], (term: number) => number> = {
  MONTHLY: () => 1,
  QUARTERLY: () => 3,
  AT_MATURITY: (term) => term,
};

/** The engine's view of a disbursed loan: amount, dates, programme rates in force. */
export function termsOf(loan: LoanWithTerms): LoanTerms {
  if (!loan.disbursedAt || !loan.amountDisbursed) throw new Error(`loan ${loan.number} is not disbursed`);
  const rates = [...loan.programme.rates]
    .sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime())
    .map((r) => ({ from: r.effectiveFrom, ratePpm: percentToPpm(r.monthlyRate.toString()) }));
  return {
    amount: loan.amountDisbursed,
    disbursedAt: loan.disbursedAt,
    termMonths: loan.termMonths,
    principalEveryMonths: EVERY[loan.programme.principalFrequency](loan.termMonths),
    graceMonths: loan.programme.graceMonths,
    interestMethod: loan.programme.interestMethod,
    rates,
    overdueMultiplierPct: BigInt(loan.programme.overdueMultiplierPct),
    allowPrepayment: loan.programme.allowPrepayment,
  };
}

/** The ledger events of a loan: its transactions that have not been reversed. */
export function eventsOf(transactions: LoanTransaction[]): LoanEvent[] {
  return transactions
    .filter((t) => !t.reversedAt && t.kind !== 'DISBURSEMENT')
    .sort((a, b) => a.date.getTime() - b.date.getTime() || a.postedAt.getTime() - b.postedAt.getTime())
    .map((t): LoanEvent => {
      switch (t.kind) {
        case 'REPAYMENT':
          return { kind: 'PAYMENT', id: t.id, date: t.date, amount: t.amount };
        case 'EXTENSION':
          return { kind: 'EXTENSION', id: t.id, date: t.date, instalmentNo: t.instalmentNo!, newDueDate: t.newDueDate! };
        case 'FREEZE':
          return { kind: 'FREEZE', id: t.id, date: t.date };
        default:
          return { kind: 'WRITE_OFF', id: t.id, date: t.date };
      }
    });
}

/** Recomputes a disbursed loan's state and rewrites its cached list columns and status. */
export async function refreshLoan(tx: Tx, loanId: string, asOf = todayInVietnam(), actor?: Actor) {
  // Locked, so a refresh cannot write back figures older than a posting committed meanwhile.
  await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "id" = ${loanId}::uuid FOR UPDATE`;
  const loan = await tx.loan.findUniqueOrThrow({ where: { id: loanId }, include: { programme: { include: { rates: true } }, transactions: true } });
  if (!loan.disbursedAt) return null;
  const state = computeLoanState(termsOf(loan), eventsOf(loan.transactions), asOf > loan.disbursedAt ? asOf : loan.disbursedAt);
  // A reversal can change how later repayments split: keep every stored split equal to the ledger's.
  for (const t of loan.transactions) {
    const split = state.allocations.get(t.id);
    if (!split || t.reversedAt) continue;
    const principal = split.overduePrincipal + split.principal + split.prepayment;
    if (t.principal !== principal || t.interest !== split.interest || t.overdueInterest !== split.overdueInterest) {
      const after = await tx.loanTransaction.update({ where: { id: t.id }, data: { principal, interest: split.interest, overdueInterest: split.overdueInterest } });
      await writeAudit(tx, actor ? auditActorOf(actor) : null, { action: 'loan.resplit', entity: 'LoanTransaction', entityId: t.id, before: t, after });
    }
  }
  await tx.loan.update({ where: { id: loanId }, data: cachedColumnsOf(state, asOf) });
  return state;
}

/** The loan's list columns (status, outstanding, overdue, days past due) from its ledger state. */
export function cachedColumnsOf(state: LoanState, asOf: Date) {
  const status = state.status === 'ACTIVE' ? ('DISBURSED' as const) : state.status;
  return { status, cachedOutstanding: state.outstandingPrincipal, cachedOverdue: state.overduePrincipal, cachedDaysPastDue: state.daysPastDue, cachedAsOf: asOf };
}

/**
 * Brings the cached balances of up to `limit` loans in scope up to today (days past due grow
 * without any posting). Lists call it before filtering by overdue; a nightly job can call it for
 * the whole province.
 */
export async function refreshStaleLoans(where: Record<string, unknown>, limit = 2000) {
  const today = todayInVietnam();
  const stale = await db.loan.findMany({
    where: { ...where, status: { in: ['DISBURSED', 'FROZEN'] }, OR: [{ cachedAsOf: null }, { cachedAsOf: { lt: today } }] },
    select: { id: true },
    take: limit,
  });
  for (const { id } of stale) await db.$transaction((tx) => refreshLoan(tx, id, today));
  return stale.length;
}
