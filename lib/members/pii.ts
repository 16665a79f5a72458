import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';

// Personal data in lists and exports (ASVS 8.3): the national ID (CCCD) in full for those who work
// with it — commune officers, the province, administrators and the bank's liaisons (the bank's own
// records need it); the phone number in full for those who call members — commune officers, the
// province and administrators. Everyone else (district leaders; bank liaisons for phones) sees the
// first and last digits only, enough to tell two people apart — in lists, exports, a member's page,
// a group's page and the API alike (memberView).

/** "036180012345" → "036*******45". */
export const maskNationalId = (id: string) => (id.length <= 5 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 5)}${id.slice(-2)}`);
/** "0912345678" → "091****678". */
export const maskPhone = (phone: string) => (phone.length <= 6 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 6)}${phone.slice(-3)}`);

/** A row (list item or export row) with `nationalId` and `phone` masked as the actor's role requires. */
export function maskPersonalData<T extends { nationalId?: string | null; phone?: string | null }>(actor: Pick<Actor, 'role' | 'orgUnitLevel'>, row: T): T {
  const fullId = actorCan(actor, 'pii:nationalId');
  const fullPhone = actorCan(actor, 'pii:phone');
  if (fullId && fullPhone) return row;
  return {
    ...row,
    ...(!fullId && row.nationalId ? { nationalId: maskNationalId(row.nationalId) } : {}),
    ...(!fullPhone && row.phone ? { phone: maskPhone(row.phone) } : {}),
  };
}

/**
 * A member as pages and the API show her: the register's internal keys dropped (the unique copy of
 * the CCCD, the search and sort keys), the CCCD and phone masked as the actor's role requires.
 */
type RegisterRow = { nationalId?: string | null; phone?: string | null; activeNationalId?: string | null; searchName?: string; sortKey?: string | null };
export function memberView<T extends RegisterRow>(actor: Pick<Actor, 'role' | 'orgUnitLevel'>, row: T): Omit<T, 'activeNationalId' | 'searchName' | 'sortKey'> {
  const { activeNationalId: _active, searchName: _search, sortKey: _sort, ...rest } = row;
  return maskPersonalData(actor, rest);
}
