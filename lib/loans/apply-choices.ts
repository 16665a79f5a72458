import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';

/** Active members in groups, for the application form of a commune (capped: larger scopes apply from the member page). */
export async function applicantChoices(actor: Actor, limit = 3000) {
  assertCan(actor, 'loan:apply');
  return db.member.findMany({
    where: { ...scopeWhere(actor), status: 'ACTIVE', groupId: { not: null } },
    select: { id: true, fullName: true, nationalId: true, group: { select: { code: true } } },
    orderBy: [{ sortKey: 'asc' }, { id: 'asc' }],
    take: limit,
  });
}
