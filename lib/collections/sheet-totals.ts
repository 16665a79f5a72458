import { parseMoney } from '@/lib/money';

// The running total of a collection sheet as the officer types: what the loan boxes and the
// savings boxes add up to, and the cash she should have counted (both together). Pure, so the
// page can recompute it on every keystroke and the tests can check it without a browser.

export interface SheetTotals {
  loans: bigint;
  savings: bigint;
  cash: bigint;
  /** Boxes whose text does not read as an amount (counted as 0 until corrected). */
  unreadable: number;
}

/** An amount as typed in a sheet box: "1.234.567", "1234567", "" (nothing collected: 0). */
export function typedAmount(text: string): bigint | null {
  if (text.trim() === '') return 0n;
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.value : null;
}

/**
 * Adds up the sheet's boxes by their names: `loan-<loanId>` to the loans, `saving-<accountId>`
 * to the savings; other fields (attendance) are ignored.
 */
export function sheetTotals(fields: Iterable<readonly [string, string]>): SheetTotals {
  const totals: SheetTotals = { loans: 0n, savings: 0n, cash: 0n, unreadable: 0 };
  for (const [name, text] of fields) {
    const kind = name.startsWith('loan-') ? 'loans' : name.startsWith('saving-') ? 'savings' : null;
    if (!kind) continue;
    const amount = typedAmount(text);
    if (amount === null) totals.unreadable += 1;
    else totals[kind] += amount;
  }
  totals.cash = totals.loans + totals.savings;
  return totals;
}
