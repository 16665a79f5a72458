import type { Actor } from '@/lib/auth/actor';
import { fieldsGiven } from '@/lib/privacy/personal-fields';
import { purposeFor } from '@/lib/privacy/purpose';
import { recordPersonalDataAccess } from '@/lib/privacy/record-access';
import { getMember } from './get-member';

/** Everything of the register the API record carries (memberView). */
const API_RECORD_FIELDS = ['fullName', 'nationalId', 'phone', 'address', 'householdCategory'];

export interface ReadMemberOptions {
  via: 'DETAIL_PAGE' | 'API_RECORD';
  /** The reader's stated purpose (required of district leaders and bank liaisons). */
  purpose?: unknown;
  /** The personal data the page shows of her (the API record shows all of it, masked as the role requires). */
  shown?: (member: { status: string }) => readonly string[];
}

/**
 * A member read by a person — her page or her API record: the read is recorded (who, when, which
 * personal data was given in full, why), after the scope check and only when she was shown.
 */
export async function readMember(actor: Actor, id: string, options: ReadMemberOptions) {
  const purpose = purposeFor(actor, options.purpose);
  const member = await getMember(actor, id);
  const fields = fieldsGiven(actor, options.shown?.(member) ?? API_RECORD_FIELDS);
  await recordPersonalDataAccess(actor, { kind: options.via, memberId: member.id, fields, purpose });
  return member;
}
