import { z } from 'zod';

export const ROLE_VALUES = ['ADMIN', 'PROVINCE_OFFICER', 'DISTRICT_LEADER', 'COMMUNE_OFFICER', 'BANK_LIAISON'] as const;

const username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/, { message: 'validation.username' });
export const password = z.string().min(8, { message: 'validation.passwordLength' }).max(200);
const fullName = z.string().trim().min(1).max(120);

export const createUserSchema = z.object({
  username,
  fullName,
  password,
  role: z.enum(ROLE_VALUES),
  orgUnitId: z.uuid({ message: 'validation.invalid' }),
});
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = z.object({
  fullName: fullName.optional(),
  role: z.enum(ROLE_VALUES).optional(),
  orgUnitId: z.uuid({ message: 'validation.invalid' }).optional(),
  active: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const resetPasswordSchema = z.object({ password });

export const listUsersSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLE_VALUES).optional().catch(undefined),
  active: z.enum(['true', 'false']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
