import { z } from 'zod';
import { currentYear } from '@/lib/clock';
import { nullable, optional, pastDate, updatedSince, uuid } from '@/lib/groups/schemas';

export const GENDERS = ['FEMALE', 'MALE'] as const;
export const HOUSEHOLD_CATEGORIES = ['POOR', 'NEAR_POOR', 'ESCAPED_POVERTY', 'ORDINARY', 'POLICY'] as const;
export const MEMBER_STATUSES = ['ACTIVE', 'LEFT'] as const;

const boolean = z.preprocess((v) => (v === 'on' || v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v), z.boolean());

const memberFields = {
  fullName: z.string().trim().normalize('NFC').min(1).max(120),
  gender: z.enum(GENDERS),
  birthYear: optional(z.coerce.number().int().min(1900).refine((y) => y <= currentYear(), { message: 'validation.invalid' })),
  nationalId: z.string().trim().regex(/^\d{12}$/, { message: 'validation.nationalIdFormat' }),
  phone: optional(z.string().trim().regex(/^(\+84|0)\d{9,10}$/, { message: 'validation.phone' })),
  address: optional(z.string().trim().max(300)),
  householdCategory: z.enum(HOUSEHOLD_CATEGORIES),
  isUnionMember: optional(boolean),
  chapterId: optional(uuid),
  code: optional(z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{0,29}$/, { message: 'validation.memberCode' })),
  joinedAt: optional(pastDate),
};

export const createMemberSchema = z.object({ ...memberFields, orgUnitId: uuid, groupId: optional(uuid) });
export type CreateMemberInput = z.input<typeof createMemberSchema>;

export const updateMemberSchema = z.object({
  fullName: memberFields.fullName.optional(),
  gender: memberFields.gender.optional(),
  birthYear: nullable(z.coerce.number().int().min(1900).refine((y) => y <= currentYear(), { message: 'validation.invalid' })),
  nationalId: memberFields.nationalId.optional(),
  phone: nullable(z.string().trim().regex(/^(\+84|0)\d{9,10}$/, { message: 'validation.phone' })),
  address: nullable(z.string().trim().max(300)),
  householdCategory: memberFields.householdCategory.optional(),
  isUnionMember: optional(boolean),
  chapterId: nullable(uuid),
  code: nullable(z.string().trim().toUpperCase().regex(/^[A-Z0-9][A-Z0-9._-]{0,29}$/, { message: 'validation.memberCode' })),
  joinedAt: nullable(pastDate),
});
export type UpdateMemberInput = z.input<typeof updateMemberSchema>;

export const transferMemberSchema = z.object({ groupId: uuid, date: pastDate, moveLoans: optional(boolean) });
export const leaveMemberSchema = z.object({ date: pastDate });

export const listMembersSchema = z.object({
  q: optional(z.string().trim().max(100)).catch(undefined),
  orgUnitId: optional(uuid).catch(undefined),
  groupId: optional(uuid).catch(undefined),
  chapterId: optional(uuid).catch(undefined),
  householdCategory: optional(z.enum(HOUSEHOLD_CATEGORIES)).catch(undefined),
  status: optional(z.enum(MEMBER_STATUSES)).catch(undefined),
  updatedSince,
  sort: optional(z.enum(['name', 'code', 'joinedAt', 'birthYear'])).catch(undefined),
  dir: optional(z.enum(['asc', 'desc'])).catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
