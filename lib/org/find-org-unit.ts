import type { Actor } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type Tx } from '@/lib/db';
import { notFound } from '@/lib/errors';

/** A unit inside the actor's subtree, or NOT_FOUND (also for ids elsewhere: nothing leaks). */
export async function findOrgUnitInScope(actor: Actor, id: string, tx: Tx = db) {
  const unit = isUuid(id) ? await tx.orgUnit.findFirst({ where: { id, ...orgUnitScope(actor) } }) : null;
  if (!unit) throw notFound();
  return unit;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
