import type { Prisma } from '@/lib/db';
import type { Actor } from './actor';

// Scope: a user sees and changes only their own org unit and its descendants. Org units carry a
// materialised path ("/<root id>/<child id>/"), so the subtree is a prefix match. A bank liaison
// attached to a transaction office sees only the office's communes within it (Actor.scopePaths).

type Scoped = Pick<Actor, 'orgUnitPath'> & Partial<Pick<Actor, 'scopePaths' | 'historyPaths'>>;

/**
 * `where` for OrgUnit rows inside the actor's subtree, with the units a reorganisation ended into it
 * (history that moved to her unit: Actor.historyPaths). It may use the `AND` and `OR` keys: a query
 * with conditions of its own on those keys wraps it (`{ AND: [orgUnitScope(actor), …] }`).
 */
export function orgUnitScope(actor: Scoped): Prisma.OrgUnitWhereInput {
  const own = { path: { startsWith: actor.orgUnitPath } };
  const subtree = actor.historyPaths?.length ? { OR: [own, ...actor.historyPaths.map((path) => ({ path: { startsWith: path } }))] } : own;
  if (!actor.scopePaths) return subtree;
  return { AND: [subtree, { OR: actor.scopePaths.map((path) => ({ path: { startsWith: path } })) }] };
}

/** `where` for any row attached to an org unit through an `orgUnit` relation. */
export function scopeWhere(actor: Scoped): { orgUnit: Prisma.OrgUnitWhereInput } {
  return { orgUnit: orgUnitScope(actor) };
}
