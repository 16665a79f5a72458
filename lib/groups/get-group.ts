import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { memberView } from '@/lib/members/pii';
import { findGroupInScope } from './find-group';
import { GROUP_SIZE_RULES, needsConsolidation } from './size-rules';

/** A group with its active members, status history, and size flag. */
export async function getGroup(actor: Actor, id: string) {
  assertCan(actor, 'register:read');
  const found = await findGroupInScope(actor, id);
  const group = await db.group.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      orgUnit: { select: { id: true, code: true, name: true } },
      chapter: { select: { id: true, name: true } },
      leader: { select: { id: true, fullName: true } },
      deputy: { select: { id: true, fullName: true } },
      mergedInto: { select: { id: true, code: true, name: true } },
      mergedFrom: { select: { id: true, code: true, name: true } },
      statusChanges: { orderBy: { id: 'asc' } },
    },
  });
  const members = (await db.member.findMany({ where: { groupId: group.id, status: 'ACTIVE' }, orderBy: [{ sortKey: 'asc' }, { id: 'asc' }] })).map((m) => memberView(actor, m));
  const rules = GROUP_SIZE_RULES[group.programmeKind];
  return { group, members, rules, toConsolidate: group.status === 'ACTIVE' && needsConsolidation(group.programmeKind, members.length) };
}
