// POST /api/v1/members/:id/erasure — her request to erase her personal data (decision 027): granted at once when she left and the law
// keeps nothing of her (never borrowed or saved, or her retention period ended): her name, CCCD, birth year, phone and address are
// replaced by a pseudonym, every amount kept; 200 with the record. Refused 409 naming why: still in a group
// (privacy.erase.stillMember), a loan or savings still open, or records kept until a day it names (privacy.erase.retained).
import { apiRoute, json } from '@/lib/api/route';
import { memberView } from '@/lib/members/pii';
import { eraseMember } from '@/lib/privacy/anonymise';

export const POST = apiRoute<{ id: string }>(async ({ actor, params }) => json(memberView(actor, await eraseMember(actor, params.id))));
