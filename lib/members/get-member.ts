import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { findMemberInScope } from './find-member';
import { memberView } from './pii';

/** A member with her group, chapter and group history, newest first. */
export async function getMember(actor: Actor, id: string) {
  assertCan(actor, 'register:read');
  const found = await findMemberInScope(actor, id);
  const member = await db.member.findUniqueOrThrow({
    where: { id: found.id },
    include: {
      orgUnit: { select: { id: true, code: true, name: true } },
      group: { select: { id: true, code: true, name: true } },
      chapter: { select: { id: true, name: true } },
      memberships: { orderBy: [{ fromDate: 'desc' }, { id: 'desc' }], include: { group: { select: { id: true, code: true, name: true } } } },
    },
  });
  return memberView(actor, member);
}
