import { z } from 'zod';
import { dateOnly, optional, pastDate, uuid } from '@/lib/groups/schemas';

const text = (max: number) => z.string().trim().min(1).max(max);
const ids = z.preprocess((v) => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(uuid).max(500));

export const LEVELS = ['COMMUNE', 'GROUP', 'HOUSEHOLD'] as const;
export const KINDS = ['PERIODIC', 'SURPRISE'] as const;

export const createPlanSchema = z
  .object({
    title: text(200),
    kind: z.enum(KINDS),
    periodFrom: dateOnly,
    periodTo: dateOnly,
    team: text(500),
    communeIds: ids,
    groupIds: ids,
    memberIds: ids,
  })
  .refine((p) => p.periodFrom <= p.periodTo, { message: 'validation.rangeOrder', path: ['periodTo'] })
  .refine((p) => p.communeIds.length + p.groupIds.length + p.memberIds.length > 0, { message: 'inspections.noTargets', path: ['communeIds'] });
/** Target lists may be left out (none of that level). */
export type CreatePlanInput = Omit<z.input<typeof createPlanSchema>, 'communeIds' | 'groupIds' | 'memberIds'> & { communeIds?: unknown; groupIds?: unknown; memberIds?: unknown };

export const recordInspectionSchema = z.object({
  planId: optional(uuid),
  level: z.enum(LEVELS),
  kind: z.enum(KINDS),
  orgUnitId: optional(uuid),
  groupId: optional(uuid),
  memberId: optional(uuid),
  loanId: optional(uuid),
  date: pastDate,
  inspectors: text(500),
  summary: optional(z.string().trim().max(4000)),
});
export type RecordInspectionInput = z.input<typeof recordInspectionSchema>;

const checkbox = z.preprocess((v) => v === true || v === 'true' || v === 'on' || v === 'pass', z.boolean());

export const findingsSchema = z.object({
  items: z
    .array(
      z.object({
        item: z.string().trim().min(1).max(60),
        passed: checkbox,
        notes: optional(z.string().trim().max(2000)),
        followUp: optional(z.object({ action: text(1000), owner: text(200), dueDate: dateOnly })),
      }),
    )
    .min(1)
    .max(20),
  /** The inspected loan was misused: flag it for recall. */
  recallReason: optional(z.string().trim().min(1).max(1000)),
});
export type FindingsInput = z.input<typeof findingsSchema>;

export const closeFollowUpSchema = z.object({ note: text(2000) });

export const periodSchema = z
  .object({ orgUnitId: optional(uuid), from: dateOnly, to: dateOnly })
  .refine((p) => p.from <= p.to, { message: 'validation.rangeOrder', path: ['to'] });
export type PeriodInput = z.input<typeof periodSchema>;
