import { z } from 'zod';
import { dateOnly, optional, pastDate } from '@/lib/groups/schemas';

const code = z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9_-]{1,29}$/, { message: 'validation.orgCode' });

/**
 * One old unit and its successor: an existing unit it merges into (code of a unit that goes on),
 * or a new unit (code not in use, with its name and, if not the old parent's successor, its parent).
 * oldCode = newCode renames the unit in place.
 */
export const reorgRowSchema = z.object({
  oldCode: code,
  newCode: code,
  newName: z.string().trim().min(1, { message: 'validation.required' }).max(200),
  newParentCode: optional(code),
  /** The old unit's accounts: moved to the successor (default) or deactivated. */
  users: optional(z.enum(['MOVE', 'DEACTIVATE'], { message: 'validation.invalid' })),
  /** The row number in the officer's file, for messages (else its place in the list, from 2). */
  row: z.number().int().optional(),
});

export const reorganisationSchema = z
  .object({
    decisionNo: z.string().trim().min(1, { message: 'validation.required' }).max(100),
    /** The decision was taken (not after today); it may take effect later. */
    decisionDate: pastDate,
    effectiveOn: dateOnly,
    /** Merged provinces' revolving funds: one fund (default), or each kept separate (its communes' boards labelled). */
    funds: z.enum(['JOINED', 'SEPARATE'], { message: 'validation.invalid' }).default('JOINED'),
    rows: z.array(reorgRowSchema).min(1, { message: 'reorg.noRows' }).max(20_000),
  })
  .refine((v) => v.decisionDate <= v.effectiveOn, { message: 'reorg.decisionAfterEffective', path: ['decisionDate'] });

export type ReorganisationInput = z.input<typeof reorganisationSchema>;
export type ReorganisationData = z.output<typeof reorganisationSchema>;
export type ReorgRow = z.output<typeof reorgRowSchema>;
