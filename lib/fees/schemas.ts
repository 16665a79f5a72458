import { z } from 'zod';
import { monthSchema } from '@/lib/collections/schemas';
import { dateOnly, optional, pastDate, uuid } from '@/lib/groups/schemas';
import { money } from '@/lib/loans/schemas';
import { readPercentPpm } from './arithmetic';

/** A percentage typed as "0,55" (up to 4 decimals), held as parts per million. */
const percentPpm = (max = 1_000_000) =>
  z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string())
    .transform((v, ctx) => {
      const ppm = readPercentPpm(v);
      if (ppm === null || ppm > max) return ctx.addIssue({ code: 'custom', message: 'validation.percent' }), z.NEVER;
      return ppm;
    });
/** A share typed as a percentage with up to 2 decimals, held as basis points (100% = 10 000). */
const percentBp = percentPpm().transform((ppm, ctx) => (ppm % 100 === 0 ? ppm / 100 : (ctx.addIssue({ code: 'custom', message: 'validation.percent' }), z.NEVER)));
const count = z.coerce.number().int().min(0).max(1000);
const note = optional(z.string().trim().max(500));

export const addFeeRateSchema = z.object({
  programmeId: uuid,
  kind: z.enum(['ENTRUSTMENT_FEE', 'GROUP_COMMISSION']),
  basis: z.enum(['INTEREST_COLLECTED', 'OUTSTANDING_BALANCE']),
  rate: percentPpm(),
  effectiveMonth: monthSchema,
  note,
});
export type AddFeeRateInput = z.input<typeof addFeeRateSchema>;

export const addFeeShareSchema = z
  .object({ effectiveMonth: monthSchema, commune: percentBp, district: percentBp, province: percentBp })
  .refine((s) => s.commune + s.district + s.province === 10_000, { message: 'validation.sharesSum', path: ['province'] });
export type AddFeeShareInput = z.input<typeof addFeeShareSchema>;

export const addAllowanceRuleSchema = z
  .object({
    effectiveMonth: monthSchema,
    allowance: percentBp,
    groupOfficers: percentBp,
    fullFromMembers: count,
    reducedFromMembers: count,
    reducedPct: z.coerce.number().int().min(0).max(100),
  })
  .refine((r) => r.reducedFromMembers <= r.fullFromMembers, { message: 'validation.rangeOrder', path: ['fullFromMembers'] });
export type AddAllowanceRuleInput = z.input<typeof addAllowanceRuleSchema>;

export const monthInUnitSchema = z.object({ month: monthSchema, orgUnitId: optional(uuid) });
export type MonthInUnitInput = z.input<typeof monthInUnitSchema>;

export const periodInUnitSchema = z
  .object({ fromMonth: monthSchema, toMonth: monthSchema, orgUnitId: optional(uuid) })
  .refine((p) => p.fromMonth <= p.toMonth, { message: 'validation.rangeOrder', path: ['toMonth'] });
export type PeriodInUnitInput = z.input<typeof periodInUnitSchema>;

export const allocationSchema = z.object({
  orgUnitId: uuid,
  kind: z.enum(['ALLOCATE', 'RETURN']),
  date: pastDate,
  amount: money,
  decisionNo: optional(z.string().trim().max(100)),
  note,
  idempotencyKey: optional(z.string().max(100)),
});
export type AllocationInput = z.input<typeof allocationSchema>;

export const balanceSchema = z.object({ orgUnitId: optional(uuid), asOf: optional(dateOnly) });
export type BalanceInput = z.input<typeof balanceSchema>;

export const requestSettlementSchema = z.object({
  orgUnitId: uuid,
  requestDate: pastDate,
  reason: z.string().trim().min(1).max(1000),
  documentRef: z.string().trim().min(1).max(200),
});
export type RequestSettlementInput = z.input<typeof requestSettlementSchema>;

export const decideSettlementSchema = z.object({
  approve: z.preprocess((v) => v === true || v === 'true' || v === 'approve', z.boolean()),
  date: pastDate,
  note: optional(z.string().trim().max(1000)),
});
export type DecideSettlementInput = z.input<typeof decideSettlementSchema>;

export const settlementTransferSchema = z.object({ memberId: uuid, groupId: uuid, date: pastDate });
export type SettlementTransferInput = z.input<typeof settlementTransferSchema>;

export const closeSettlementSchema = z.object({ date: pastDate });
