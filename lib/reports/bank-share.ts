import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { monthSchema } from '@/lib/collections/schemas';
import { db, waitForReplay, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { optional, uuid } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';
import { findOrgUnitInScope } from '@/lib/org/find-org-unit';
import { ratio4 } from '@/lib/money';
import { balancesOn } from './summary-figures';

export const bankFigureSchema = z.object({ orgUnitId: optional(uuid), month: monthSchema, amount: money, source: optional(z.string().trim().max(200)) });
export type BankFigureInput = z.input<typeof bankFigureSchema>;

/**
 * Records the bank's whole outstanding in a unit's area for a month (from the bank's report); the
 * same month again replaces it, audited with the figure it replaces.
 */
export async function recordBankPortfolio(actor: Actor, input: BankFigureInput) {
  assertCan(actor, 'report:reference');
  const data = parseInput(bankFigureSchema, input);
  if (data.amount <= 0n) throw new AppError('VALIDATION', 'fund.amountPositive', {}, { amount: { key: 'fund.amountPositive' } });
  if (data.month > todayInVietnam().toISOString().slice(0, 7)) throw new AppError('VALIDATION', 'fees.futureMonth', {}, { month: { key: 'fees.futureMonth' } });
  const saved = await db.$transaction(async (tx) => {
    const unit = await findOrgUnitInScope(actor, data.orgUnitId ?? actor.orgUnitId, tx);
    const before = await tx.bankPortfolioFigure.findUnique({ where: { orgUnitId_month: { orgUnitId: unit.id, month: data.month } } });
    const values = { amount: data.amount, source: data.source ?? null, enteredById: actor.userId, enteredAt: new Date() };
    const after = before
      ? await tx.bankPortfolioFigure.update({ where: { id: before.id }, data: values })
      : await tx.bankPortfolioFigure.create({ data: { orgUnitId: unit.id, month: data.month, ...values } });
    await writeAudit(tx, auditActorOf(actor), { action: 'report.bankFigure', entity: 'BankPortfolioFigure', entityId: after.id, before, after });
    return after;
  });
  // The summary shown next (on the page it was entered on) reads the replica: let the figure reach it first.
  await waitForReplay();
  return saved;
}

/**
 * The union's share of the bank's portfolio in a unit's area at a date: the VBSP outstanding of the
 * subtree over the latest bank figure of the unit for that month or before; null without a figure.
 */
export async function bankShareOn(unit: { id: string; path: string }, to: Date, tx: Tx = db) {
  const figure = await tx.bankPortfolioFigure.findFirst({ where: { orgUnitId: unit.id, month: { lte: to.toISOString().slice(0, 7) } }, orderBy: { month: 'desc' } });
  if (!figure) return null;
  const union = (await balancesOn(tx, { path: unit.path, fundSource: 'VBSP' }, to)).reduce((s, b) => s + b.amount, 0n);
  return { month: figure.month, bankOutstanding: figure.amount, unionOutstanding: union, ratio: ratio4(union, figure.amount) };
}

/**
 * The union's share the bank's figure of a month gives, shown where the figure is entered: the
 * subtree's VBSP outstanding at the month's last day (today, for the current month) over the figure.
 * Read on the primary: it follows the figure just entered.
 */
export async function bankShareOfFigure(figure: { orgUnitId: string; month: string }) {
  const unit = await db.orgUnit.findUniqueOrThrow({ where: { id: figure.orgUnitId }, select: { id: true, path: true } });
  const [year, month] = figure.month.split('-').map(Number) as [number, number];
  const monthEnd = new Date(Date.UTC(year, month, 0));
  const today = todayInVietnam();
  return bankShareOn(unit, monthEnd < today ? monthEnd : today);
}
