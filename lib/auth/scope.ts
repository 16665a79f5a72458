import type { Prisma } from '@/lib/db';
import type { Actor } from './actor';

// Scope: a user sees and changes only their own org unit and its descendants. Org units carry a
// materialised path ("/<root id>/<child id>/"), so the subtree is a prefix match.

/** `where` for OrgUnit rows inside the actor's subtree. */
export function orgUnitScope(actor: Pick<Actor, 'orgUnitPath'>): Prisma.OrgUnitWhereInput {
  return { path: { startsWith: actor.orgUnitPath } };
}

/** `where` for any row attached to an org unit through an `orgUnit` relation. */
export function scopeWhere(actor: Pick<Actor, 'orgUnitPath'>): { orgUnit: Prisma.OrgUnitWhereInput } {
  return { orgUnit: orgUnitScope(actor) };
}
