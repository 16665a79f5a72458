import { parseDateOnly } from '@/lib/calendar/date-only';
import type { LoanEvent } from './ledger';
import { percentToPpm, type LoanTerms } from './terms';

// The reference loan of the engine tests: 10.000.000 ₫ over 12 months from 15/01/2026 at
// 0,55 %/month, monthly principal, declining balance, 130 % on overdue principal.
export const d = (s: string) => parseDateOnly(s)!;

export const base: LoanTerms = {
  amount: 10_000_000n,
  disbursedAt: d('2026-01-15'),
  termMonths: 12,
  principalEveryMonths: 1,
  graceMonths: 0,
  interestMethod: 'DECLINING',
  rates: [{ from: d('2026-01-15'), ratePpm: percentToPpm('0.55') }],
  overdueMultiplierPct: 130n,
  allowPrepayment: true,
};

export const pay = (date: string, amount: bigint, id = date): LoanEvent => ({ kind: 'PAYMENT', id, date: d(date), amount });
