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

function monthOf(date: Date) {
  return { from: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1)), to: new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1)) };
}

/** Live deposits, among already loaded movements, in the calendar month containing `date`. */
export function depositsInMonth(transactions: Pick<SavingsTransaction, 'kind' | 'amount' | 'date' | 'reversedAt'>[], date: Date): bigint {
  const { from, to } = monthOf(date);
  return transactions.reduce((sum, t) => (t.kind === 'DEPOSIT' && !t.reversedAt && t.date >= from && t.date < to ? sum + t.amount : sum), 0n);
}

/** Deposits of the calendar month containing `date`, read inside the posting's transaction (monthly limits). */
export async function depositedInMonth(tx: Tx, accountId: string, date: Date): Promise<bigint> {
  const { from, to } = monthOf(date);
  const rows = await tx.savingsTransaction.findMany({ where: { accountId, kind: 'DEPOSIT', reversedAt: null, date: { gte: from, lt: to } }, select: { amount: true } });
  return rows.reduce((sum, r) => sum + r.amount, 0n);
}
