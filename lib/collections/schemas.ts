import { z } from 'zod';
import { optional, uuid } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'validation.month' });

const amount = z.preprocess((v) => (v === '' || v === undefined || v === null ? '0' : v), money);

export const saveSheetSchema = z.object({
  month: monthSchema,
  idempotencyKey: optional(z.string().max(100)),
  rows: z
    .array(
      z.object({
        memberId: uuid,
        attended: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
        loans: z.array(z.object({ loanId: uuid, amount })).max(20).default([]),
        savings: z.array(z.object({ accountId: uuid, amount })).max(10).default([]),
      }),
    )
    .max(100),
});
export type SaveSheetInput = z.input<typeof saveSheetSchema>;
