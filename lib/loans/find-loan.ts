import type { Actor } from '@/lib/auth/actor';
import { loanWhere } from '@/lib/auth/business';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';

/**
 * A loan in the actor's scope, locked for update when `lock` (postings on one loan then run one
 * at a time, so parallel repayments can neither over-collect nor lose a payment).
 */
export async function findLoanInScope(actor: Actor, id: string, tx: Tx = db, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound();
  if (lock) await tx.$queryRaw`SELECT 1 FROM "Loan" WHERE "id" = ${id}::uuid FOR UPDATE`;
  const loan = await tx.loan.findFirst({ where: { id, ...loanWhere(actor) }, include: { programme: { include: { rates: true } } } });
  if (!loan) throw notFound();
  return loan;
}

export function assertStatus(loan: { status: string; number: string }, ...allowed: string[]) {
  if (!allowed.includes(loan.status)) throw new AppError('CONFLICT', 'loans.wrongStatus', { number: loan.number, status: loan.status });
}
