import { z } from 'zod';
import { dateOnly, optional, pastDate, updatedSince, uuid } from '@/lib/groups/schemas';
import { parseMoney } from '@/lib/money';

/** An amount of đồng typed by a person: "10.000.000", "10000000" (see lib/money). */
export const money = z.union([z.string(), z.number(), z.bigint()]).transform((value, ctx) => {
  const parsed = parseMoney(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: `validation.money.${parsed.error}` });
  return z.NEVER;
});

export const applyForLoanSchema = z.object({
  memberId: uuid,
  programmeId: uuid,
  amount: money,
  termMonths: z.coerce.number().int().min(1).max(240),
  purpose: z.string().trim().min(1).max(500),
  appliedAt: optional(pastDate),
});
export type ApplyForLoanInput = z.input<typeof applyForLoanSchema>;

const yes = z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean());
export const appraisalSchema = z.object({
  householdVisited: yes,
  eligible: yes,
  purposeFeasible: yes,
  repaymentCapacity: yes,
  notes: optional(z.string().trim().max(1000)),
  appraiserName: z.string().trim().min(1).max(120),
  appraisedAt: pastDate,
});
export type AppraisalInput = z.input<typeof appraisalSchema>;

export const approveSchema = z.object({ amount: optional(money), decidedAt: pastDate });
export const rejectSchema = z.object({ reason: z.string().trim().min(1).max(500), decidedAt: pastDate });
export const disburseSchema = z.object({ date: pastDate, amount: optional(money), idempotencyKey: optional(z.string().max(100)) });
export const repaymentSchema = z.object({ date: pastDate, amount: money, idempotencyKey: optional(z.string().max(100)), note: optional(z.string().max(300)) });
export type RepaymentInput = z.input<typeof repaymentSchema>;

const decision = { decisionNo: z.string().trim().min(1).max(60), decisionDate: pastDate, approver: z.string().trim().min(1).max(120) };
export const extensionSchema = z.object({ ...decision, instalmentNo: z.coerce.number().int().min(1), newDueDate: dateOnly });
export const freezeSchema = z.object({ ...decision, date: pastDate });
export const writeOffSchema = z.object({ ...decision, date: pastDate });
export const reversalSchema = z.object({ transactionId: uuid, reason: z.string().trim().min(1).max(500) });

export const LOAN_STATUSES = ['APPLIED', 'APPRAISED', 'APPROVED', 'REJECTED', 'DISBURSED', 'CLOSED', 'FROZEN', 'WRITTEN_OFF'] as const;
export const listLoansSchema = z.object({
  q: optional(z.string().trim().max(100)).catch(undefined),
  status: optional(z.enum(LOAN_STATUSES)).catch(undefined),
  programmeId: optional(uuid).catch(undefined),
  groupId: optional(uuid).catch(undefined),
  memberId: optional(uuid).catch(undefined),
  round: optional(z.coerce.number().int().min(1).max(50)).catch(undefined),
  overdue: optional(z.enum(['1-90', '91-180', '181-360', '>360', 'any'])).catch(undefined),
  updatedSince,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
