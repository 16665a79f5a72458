import { z } from 'zod';

const code = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,29}$/, { message: 'validation.orgCode' });
const name = z.string().trim().min(1).max(200);
const id = z.uuid({ message: 'validation.invalid' });

/**
 * The level follows from the parent where only one fits (a district's child is a commune, a
 * commune's a chapter, the central unit's a province); under a province it may be given: a
 * commune (two-tier, since 07/2025) or a district (the old structure).
 */
export const createOrgUnitSchema = z.object({
  code,
  name,
  parentId: id,
  level: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['PROVINCE', 'DISTRICT', 'COMMUNE', 'CHAPTER'], { message: 'validation.invalid' }).optional()),
});
export type CreateOrgUnitInput = z.input<typeof createOrgUnitSchema>;

/** Rename, move (new parent) or (de)activate; any subset. */
export const updateOrgUnitSchema = z
  .object({
    name: name.optional(),
    parentId: id.optional(),
    active: z.boolean().optional(),
    // Union members of the unit (the denominator of savings participation); empty clears it.
    unionMemberCount: z.preprocess((v) => (v === '' ? null : v), z.coerce.number({ message: 'validation.invalid' }).int({ message: 'validation.invalid' }).min(0).max(10_000_000).nullable()).optional(),
    // A commune's cluster (cụm) for the province dashboard; empty clears it.
    cluster: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(100).nullable()).optional(),
  })
  .refine((v) => v.name !== undefined || v.parentId !== undefined || v.active !== undefined || v.unionMemberCount !== undefined || v.cluster !== undefined, {
    message: 'validation.nothingToChange',
  });
export type UpdateOrgUnitInput = z.input<typeof updateOrgUnitSchema>;
