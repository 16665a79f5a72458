import type { Actor } from '@/lib/auth/actor';
import { memberWhere } from '@/lib/auth/business';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';

export async function findMemberInScope(actor: Actor, id: string, tx: Tx = db) {
  const member = isUuid(id) ? await tx.member.findFirst({ where: { id, ...memberWhere(actor) } }) : null;
  if (!member) throw notFound();
  return member;
}
