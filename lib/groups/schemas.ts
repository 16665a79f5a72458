import { z } from 'zod';
import { currentYear, todayInVietnam } from '@/lib/clock';
import { formatDateOnly, parseDateOnly } from '@/lib/calendar/date-only';
import { AppError } from '@/lib/errors';

/** Empty form fields mean "not given". */
export const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());
/** For updates: an empty field clears the value. */
export const nullable = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? null : v), schema.nullable().optional());

export const uuid = z.uuid({ message: 'validation.invalid' });
export const dateOnly = z
  .string()
  .transform((v, ctx) => parseDateOnly(v) ?? (ctx.addIssue({ code: 'custom', message: 'validation.date' }), z.NEVER));

/**
 * The date of something that has happened — applied, appraised, decided, disbursed, paid, deposited,
 * allocated, inspected, joined, a decision's date: not after today in Vietnam (lib/clock). The one
 * rule for every such input (issue 22 §5), refused as 422 naming the field and today's date. Planned
 * things (a reorganisation's effective date, an inspection plan's period, an extension's new due
 * date, a rate from a date) keep `dateOnly`.
 */
export const pastDate = dateOnly.superRefine((date, ctx) => {
  const today = todayInVietnam();
  if (date > today) ctx.addIssue({ code: 'custom', message: 'validation.notAfterToday', params: { today: formatDateOnly(today) } });
});

/** The same rule for a date that does not come through a schema (a file's cell, a computed date). */
export function assertNotAfterToday(field: string, date: Date): void {
  const today = todayInVietnam();
  if (date <= today) return;
  const message = { key: 'validation.notAfterToday', params: { field, today: formatDateOnly(today) } };
  throw new AppError('VALIDATION', 'errors.validation', { count: 1 }, { [field]: message });
}

/** A file's date cell (imports) by the same rule: the date, or the problem's message key and parameters. */
export function readPastDate(text: string): { date: Date | null; problem?: { key: string; params: Record<string, string> } } {
  if (!text) return { date: null };
  const date = parseDateOnly(text);
  if (!date) return { date: null, problem: { key: 'validation.date', params: {} } };
  const today = todayInVietnam();
  return date > today ? { date: null, problem: { key: 'validation.notAfterToday', params: { today: formatDateOnly(today) } } } : { date };
}

/**
 * "Changed since" of an integrator's list: an instant (ISO 8601, with its offset) or a day (00:00 in
 * Vietnam). A wrong value is a 422 naming the field, not ignored: a sync must not silently take all.
 */
export const updatedSince = optional(
  z.string().trim().transform((v, ctx) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00+07:00`) : new Date(v);
    if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(day.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'validation.date' });
      return z.NEVER;
    }
    return day;
  }),
);

export const PROGRAMME_KINDS = ['VBSP', 'REVOLVING', 'BOTH'] as const;
export const GROUP_STATUSES = ['ACTIVE', 'MERGED', 'DISSOLVED'] as const;

const groupCode = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{0,29}$/, { message: 'validation.groupCode' });
const meetingDay = z.coerce.number().int().min(1).max(31);

export const createGroupSchema = z.object({
  orgUnitId: uuid,
  chapterId: optional(uuid),
  code: groupCode,
  name: z.string().trim().min(1).max(200),
  programmeKind: z.enum(PROGRAMME_KINDS),
  meetingDay: optional(meetingDay),
  foundingDecisionNo: optional(z.string().trim().max(60)),
  foundingDecisionDate: optional(pastDate),
});
export type CreateGroupInput = z.input<typeof createGroupSchema>;

export const updateGroupSchema = z.object({
  name: optional(z.string().trim().min(1).max(200)),
  chapterId: nullable(uuid),
  programmeKind: optional(z.enum(PROGRAMME_KINDS)),
  leaderId: nullable(uuid),
  deputyId: nullable(uuid),
  meetingDay: nullable(meetingDay),
  foundingDecisionNo: nullable(z.string().trim().max(60)),
  foundingDecisionDate: nullable(pastDate),
});
export type UpdateGroupInput = z.input<typeof updateGroupSchema>;

export const mergeGroupsSchema = z.object({
  survivorId: uuid,
  mergedId: uuid,
  date: pastDate,
  reason: optional(z.string().trim().max(500)),
});

export const dissolveGroupSchema = z.object({ date: pastDate, reason: optional(z.string().trim().max(500)) });

export const listGroupsSchema = z.object({
  q: optional(z.string().trim().max(100)).catch(undefined),
  orgUnitId: optional(uuid).catch(undefined),
  chapterId: optional(uuid).catch(undefined),
  status: optional(z.enum(GROUP_STATUSES)).catch(undefined),
  programmeKind: optional(z.enum(PROGRAMME_KINDS)).catch(undefined),
  toConsolidate: optional(z.enum(['1', '0'])).catch(undefined),
  updatedSince,
  sort: optional(z.enum(['code', 'name', 'members'])).catch(undefined),
  dir: optional(z.enum(['asc', 'desc'])).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** A yearly group rating: the year (not in the future), points per criterion (checked by the service), notes. */
export const rateGroupSchema = z.object({
  year: z.coerce.number().int().min(2000).refine((y) => y <= currentYear(), { message: 'validation.invalid' }),
  scores: z.record(z.string(), z.unknown()),
  notes: optional(z.string().trim().max(2000)),
});
export type RateGroupInput = z.input<typeof rateGroupSchema>;

export const ratingDistributionSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100), orgUnitId: optional(uuid) });
export type RatingDistributionInput = z.input<typeof ratingDistributionSchema>;
