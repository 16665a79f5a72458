import { z } from 'zod';
import { dateOnly } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';

const rate = z.string().trim().regex(/^\d{1,2}([.,]\d{1,4})?$/, { message: 'validation.rate' }).transform((v) => v.replace(',', '.'));
const months = z.coerce.number().int().min(1).max(240);

export const createProgrammeSchema = z
  .object({
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,19}$/, { message: 'validation.orgCode' }),
    name: z.string().trim().min(1).max(200),
    fundSource: z.enum(['VBSP', 'REVOLVING', 'CHAPTER']),
    interestMethod: z.enum(['DECLINING', 'FLAT']),
    monthlyRate: rate,
    rateFrom: dateOnly,
    overdueMultiplierPct: z.coerce.number().int().min(100).max(300),
    minTermMonths: months,
    maxTermMonths: months,
    minAmount: money,
    maxAmount: money,
    principalFrequency: z.enum(['MONTHLY', 'QUARTERLY', 'AT_MATURITY']),
    graceMonths: z.coerce.number().int().min(0).max(60),
    // An unticked checkbox is not sent: missing means no.
    allowPrepayment: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
  })
  .refine((p) => p.minTermMonths <= p.maxTermMonths, { message: 'validation.rangeOrder', path: ['maxTermMonths'] })
  .refine((p) => p.minAmount <= p.maxAmount, { message: 'validation.rangeOrder', path: ['maxAmount'] })
  .refine((p) => p.graceMonths < p.minTermMonths, { message: 'validation.graceTooLong', path: ['graceMonths'] });
export type CreateProgrammeInput = z.input<typeof createProgrammeSchema>;

export const addRateSchema = z.object({ monthlyRate: rate, effectiveFrom: dateOnly });
