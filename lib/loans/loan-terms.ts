import type { Loan, LoanTransaction, Programme, ProgrammeRate } from '@/lib/db';
import type { LoanEvent } from './engine/ledger';
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
