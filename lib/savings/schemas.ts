import { z } from 'zod';
import { optional, pastDate, uuid } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';

export const openAccountSchema = z.object({ memberId: uuid, schemeId: uuid, openedAt: optional(pastDate) });
export const movementSchema = z.object({
  date: pastDate,
  amount: money,
  noticeDate: optional(pastDate),
  idempotencyKey: optional(z.string().max(100)),
  note: optional(z.string().trim().max(300)),
});
export type MovementInput = z.input<typeof movementSchema>;
export const savingsReversalSchema = z.object({ transactionId: uuid, reason: z.string().trim().min(1).max(500) });

const percent = z.string().trim().regex(/^\d{1,2}([.,]\d{1,4})?$/, { message: 'validation.rate' }).transform((v) => v.replace(',', '.'));
const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean());

/** The rules of a savings scheme: monthly deposit range, withdrawals (notice, minimum balance), interest. */
const schemeRules = {
  name: z.string().trim().min(1).max(200),
  minMonthlyDeposit: money,
  maxMonthlyDeposit: money,
  withdrawalsAllowed: checkbox,
  noticeDays: z.coerce.number().int().min(0).max(365),
  minBalance: money,
  annualRatePercent: z.preprocess((v) => (v === '' || v === undefined ? null : v), percent.nullable()),
};
const rangeInOrder = (s: { minMonthlyDeposit: bigint; maxMonthlyDeposit: bigint }) => s.minMonthlyDeposit <= s.maxMonthlyDeposit;

export const createSchemeSchema = z
  .object({
    code: z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,19}$/, { message: 'validation.orgCode' }),
    kind: z.enum(['GROUP_MEMBER', 'VBSP_GROUP', 'CHAPTER_POOL']),
    ...schemeRules,
  })
  .refine(rangeInOrder, { message: 'validation.rangeOrder', path: ['maxMonthlyDeposit'] });
export type CreateSchemeInput = z.input<typeof createSchemeSchema>;

export const updateSchemeSchema = z.object({ ...schemeRules, active: checkbox }).refine(rangeInOrder, { message: 'validation.rangeOrder', path: ['maxMonthlyDeposit'] });
export type UpdateSchemeInput = z.input<typeof updateSchemeSchema>;
