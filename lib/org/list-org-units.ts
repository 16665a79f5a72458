import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type OrgUnit } from '@/lib/db';

export interface OrgTreeNode extends OrgUnit {
  children: OrgTreeNode[];
}

/** Every unit in the actor's subtree, ordered by level then name (Vietnamese collation). */
export async function listOrgUnits(actor: Actor, { includeInactive = true } = {}): Promise<OrgUnit[]> {
  assertCan(actor, 'org:read');
  const units = await db.orgUnit.findMany({
    where: { ...orgUnitScope(actor), ...(includeInactive ? {} : { active: true }) },
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
