import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';

/**
 * Why a person outside the member's commune work reads her record (decision 025). District leaders
 * and bank liaisons read members for a reason the law asks to be recorded; the commune and province
 * officers and administrators keep the register, which is their purpose.
 */
export const ACCESS_PURPOSES = ['LOAN_DECISION', 'INSPECTION', 'RECONCILIATION', 'MEMBER_REQUEST', 'REPORTING'] as const;
export type AccessPurpose = (typeof ACCESS_PURPOSES)[number];

/** The session cookie the member page keeps the chosen purpose in (until the browser closes). */
export const PURPOSE_COOKIE = 'hlv-purpose';

export const purposeRequired = (actor: Pick<Actor, 'role'>) => actor.role === 'DISTRICT_LEADER' || actor.role === 'BANK_LIAISON';

export const isAccessPurpose = (value: unknown): value is AccessPurpose => typeof value === 'string' && (ACCESS_PURPOSES as readonly string[]).includes(value);

/** A purpose chosen in the member page's form: one of the list, whoever chooses it. */
export function parsePurpose(given: unknown): AccessPurpose {
  if (isAccessPurpose(given)) return given;
  throw new AppError('VALIDATION', 'privacy.purposeRequired', {}, { purpose: { key: 'privacy.purposeRequired' } });
}

/**
 * The purpose to record with a read: one of the list, or null for a role that needs none. A role
 * that must state one and did not is refused before anything is read.
 */
export function purposeFor(actor: Pick<Actor, 'role'>, given: unknown): AccessPurpose | null {
  return isAccessPurpose(given) || purposeRequired(actor) ? parsePurpose(given) : null;
}
