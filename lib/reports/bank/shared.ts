import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { parseInput } from '@/lib/errors';
import { dateOnly, optional, uuid } from '@/lib/groups/schemas';
import { findReportArea } from '@/lib/org/find-org-unit';

export const bankReportSchema = z
  .object({ orgUnitId: optional(uuid), from: dateOnly, to: dateOnly })
  .refine((q) => q.from <= q.to, { message: 'validation.rangeOrder', path: ['to'] });
export type BankReportInput = z.input<typeof bankReportSchema>;

/** The unit and period of a bank report, checked: loan:read and the unit in the reader's scope. */
export async function reportContext(actor: Actor, input: BankReportInput) {
  assertCan(actor, 'loan:read');
  const q = parseInput(bankReportSchema, input);
  const { unit, within } = await findReportArea(actor, q.orgUnitId);
  return {
    unit,
    /** The ledger scope of the report: the unit's subtree (for a bank office's liaison, its communes). */
    scope: { path: unit.path, within },
    from: q.from,
    to: q.to,
    period: `${unit.name} · ${formatDateOnly(q.from)} – ${formatDateOnly(q.to)}`,
    asOf: `${unit.name} · đến ngày ${formatDateOnly(q.to)}`,
  };
}
