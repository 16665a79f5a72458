import type { Actor } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';

/** A user attached to a unit in the actor's subtree, or NOT_FOUND. */
export async function findUserInScope(actor: Actor, id: string, tx: Tx = db) {
  const user = isUuid(id)
    ? await tx.user.findFirst({ where: { id, ...scopeWhere(actor) }, include: { orgUnit: true } })
    : null;
  if (!user) throw notFound();
  return user;
}
