import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';

/** A member's identifying data (Law 91/2025/QH15): what an access entry says was given in full. */
export const PERSONAL_FIELDS = ['fullName', 'nationalId', 'phone', 'address', 'householdCategory'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Columns that carry one of them under another name (a group's leader's CCCD). */
const ALIASES: Record<string, PersonalField> = { leaderNationalId: 'nationalId', deputyNationalId: 'nationalId' };

/**
 * Which of the personal data in `shown` (column or property keys) the actor got in full: the CCCD
 * and phone only with `pii:*` — a masked value is not given, so the entry never claims it was.
 */
export function fieldsGiven(actor: Pick<Actor, 'role' | 'orgUnitLevel'>, shown: readonly string[]): PersonalField[] {
  const keys = new Set(shown.map((key) => ALIASES[key] ?? key));
  return PERSONAL_FIELDS.filter((field) => {
    if (!keys.has(field)) return false;
    if (field === 'nationalId') return actorCan(actor, 'pii:nationalId');
    if (field === 'phone') return actorCan(actor, 'pii:phone');
    return true;
  });
}
