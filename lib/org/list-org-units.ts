import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type OrgUnit } from '@/lib/db';

export interface OrgTreeNode extends OrgUnit {
  children: OrgTreeNode[];
}

/**
 * Every unit in the actor's subtree, ordered by level then name (Vietnamese collation); with `asOf`,
 * the tree of that day: units created by then and not ended before it.
 */
export async function listOrgUnits(actor: Actor, { includeInactive = true, asOf }: { includeInactive?: boolean; asOf?: Date } = {}): Promise<OrgUnit[]> {
  assertCan(actor, 'org:read');
  const onDate = asOf ? [{ OR: [{ validFrom: null }, { validFrom: { lte: asOf } }] }, { OR: [{ validTo: null }, { validTo: { gte: asOf } }] }] : [];
  const units = await db.orgUnit.findMany({
    where: { AND: [orgUnitScope(actor), ...(includeInactive ? [] : [{ active: true }]), ...onDate] },
  });
  const collator = new Intl.Collator('vi');
  return units.sort((a, b) => a.path.split('/').length - b.path.split('/').length || collator.compare(a.name, b.name));
}

/** The subtree under `rootId` as a tree (the units come from listOrgUnits). */
export function buildTree(units: OrgUnit[], rootId: string): OrgTreeNode | null {
  const nodes = new Map<string, OrgTreeNode>(units.map((u) => [u.id, { ...u, children: [] }]));
  for (const node of nodes.values()) {
    if (node.parentId && node.id !== rootId) nodes.get(node.parentId)?.children.push(node);
  }
  return nodes.get(rootId) ?? null;
}
