import { z } from 'zod';
import { optional, pastDate, uuid } from '@/lib/groups/schemas';

/** Categories of members' personal data a breach may involve (docs/personal-data/processing-record.md, section 2). */
export const BREACH_DATA_CATEGORIES = ['IDENTITY', 'NATIONAL_ID', 'CONTACT', 'HOUSEHOLD', 'FINANCIAL', 'INSPECTIONS', 'USERS'] as const;
export type BreachDataCategory = (typeof BREACH_DATA_CATEGORIES)[number];

/** The law's limit for telling the authority, counted from detection. */
export const AUTHORITY_NOTICE_HOURS = 72;

const text = (max: number) => z.string().trim().min(1, { message: 'validation.required' }).max(max);

export const recordBreachSchema = z.object({
  orgUnitId: optional(uuid),
  title: text(200),
  description: text(5000),
  /** Detected on that day at that time, Vietnam time (not after now). */
  detectedOn: pastDate,
  detectedTime: z.string().trim().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { message: 'breaches.time' }),
  occurredOn: optional(pastDate),
  dataCategories: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.enum(BREACH_DATA_CATEGORIES, { message: 'validation.invalid' })).min(1, { message: 'breaches.noCategory' }),
  ),
  peopleAffected: z.coerce.number({ message: 'validation.number' }).int({ message: 'validation.number' }).min(0, { message: 'validation.number' }).max(100_000_000),
  measures: optional(z.string().trim().max(5000)),
});
export type RecordBreachInput = z.input<typeof recordBreachSchema>;

export const breachNoticeSchema = z.object({
  to: z.enum(['AUTHORITY', 'PEOPLE'], { message: 'validation.invalid' }),
  date: pastDate,
});

export const closeBreachSchema = z.object({ date: pastDate });
