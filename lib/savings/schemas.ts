import { z } from 'zod';
import { dateOnly, optional, uuid } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';

export const openAccountSchema = z.object({ memberId: uuid, schemeId: uuid, openedAt: optional(dateOnly) });
export const movementSchema = z.object({
  date: dateOnly,
  amount: money,
  noticeDate: optional(dateOnly),
  idempotencyKey: optional(z.string().max(100)),
  note: optional(z.string().trim().max(300)),
});
export type MovementInput = z.input<typeof movementSchema>;
export const savingsReversalSchema = z.object({ transactionId: uuid, reason: z.string().trim().min(1).max(500) });
