import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db, type Tx } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { dateOnly, optional, uuid } from '@/lib/groups/schemas';
import { findReportArea } from '@/lib/org/find-org-unit';

export const bankReportSchema = z
  .object({ orgUnitId: optional(uuid), from: dateOnly, to: dateOnly })
  .refine((q) => q.from <= q.to, { message: 'validation.rangeOrder', path: ['to'] });
export type BankReportInput = z.input<typeof bankReportSchema>;

/**
 * The unit and period of a bank report, checked: loan:read and the unit in the reader's scope. The
 * bank's reports carry the bank's business only — VBSP programmes, savings through VBSP groups —
 * whoever reads them (the union's revolving fund and chapter pools are on its own pages).
 */
export async function reportContext(actor: Actor, input: BankReportInput, tx: Tx = db) {
  assertCan(actor, 'loan:read');
  const q = parseInput(bankReportSchema, input);
  const { unit, within } = await findReportArea(actor, q.orgUnitId, tx);
  return {
    unit,
    /** The ledger scope of the report: the unit's subtree (for a bank office's liaison, its communes), VBSP programmes. */
    scope: { path: unit.path, within, fundSource: 'VBSP' as const },
    from: q.from,
    to: q.to,
    period: `${unit.name} · ${formatDateOnly(q.from)} – ${formatDateOnly(q.to)}`,
    asOf: `${unit.name} · đến ngày ${formatDateOnly(q.to)}`,
  };
}
