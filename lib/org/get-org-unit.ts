import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db } from '@/lib/db';
import { findOrgUnitInScope } from './find-org-unit';
import { pathIds } from './levels';

/** One unit with its children and its breadcrumb (ancestors from the actor's own unit down). */
export async function getOrgUnit(actor: Actor, id: string) {
  assertCan(actor, 'org:read');
  const unit = await findOrgUnitInScope(actor, id);
  const registeredHere = { OR: [{ orgUnitId: unit.id }, { chapterId: unit.id }] };
  const [children, ancestors, userCount, memberCount, groupCount] = await Promise.all([
    db.orgUnit.findMany({ where: { parentId: unit.id }, orderBy: [{ sortKey: 'asc' }, { code: 'asc' }] }),
    db.orgUnit.findMany({ where: { id: { in: pathIds(unit.path) }, ...orgUnitScope(actor) } }),
    db.user.count({ where: { orgUnitId: unit.id } }),
    db.member.count({ where: registeredHere }),
    db.group.count({ where: registeredHere }),
  ]);
  const depth = (path: string) => pathIds(path).length;
  const breadcrumb = ancestors.sort((a, b) => depth(a.path) - depth(b.path));
  return { unit, children, breadcrumb, userCount, hasData: userCount + memberCount + groupCount > 0 };
}
