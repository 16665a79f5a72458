import type { SavingsTransaction, Tx } from '@/lib/db';

/** Balance from the live (not reversed) movements dated on or before `asOf`. */
export function balanceOf(transactions: Pick<SavingsTransaction, 'kind' | 'amount' | 'date' | 'reversedAt'>[], asOf?: Date): bigint {
  let balance = 0n;
  for (const t of transactions) {
    if (t.reversedAt || (asOf && t.date > asOf)) continue;
    balance += t.kind === 'DEPOSIT' ? t.amount : -t.amount;
  }
  return balance;
}

/** Deposits of the calendar month containing `date` (for the scheme's monthly limits). */
export async function depositedInMonth(tx: Tx, accountId: string, date: Date): Promise<bigint> {
  const from = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
  const to = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1));
  const rows = await tx.savingsTransaction.findMany({ where: { accountId, kind: 'DEPOSIT', reversedAt: null, date: { gte: from, lt: to } }, select: { amount: true } });
  return rows.reduce((sum, r) => sum + r.amount, 0n);
}
