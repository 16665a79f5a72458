import { z } from 'zod';
import { dateOnly, optional, uuid } from '@/lib/groups/schemas';

export const summarySchema = z
  .object({
    orgUnitId: optional(uuid),
    from: dateOnly,
    to: dateOnly,
    programme: optional(z.string().trim().toUpperCase().max(20)),
    fundSource: optional(z.enum(['VBSP', 'REVOLVING', 'CHAPTER'])),
    by: optional(z.enum(['commune'])),
  })
  .refine((q) => q.from <= q.to, { message: 'validation.rangeOrder', path: ['to'] });
export type SummaryInput = z.input<typeof summarySchema>;
