import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findOrgUnitInScope } from './find-org-unit';

/** Deletes a unit entered by mistake. A unit with children or data can only be deactivated. */
export async function deleteOrgUnit(actor: Actor, id: string) {
  assertCan(actor, 'org:manage');
  return db.$transaction(async (tx) => {
    const unit = await findOrgUnitInScope(actor, id, tx);
    if (unit.id === actor.orgUnitId) throw new AppError('FORBIDDEN', 'org.ownUnit');
    const onUnit = { OR: [{ orgUnitId: unit.id }, { chapterId: unit.id }] };
    const [children, users, groups, members] = await Promise.all([
      tx.orgUnit.count({ where: { parentId: unit.id } }),
      tx.user.count({ where: { orgUnitId: unit.id } }),
      tx.group.count({ where: onUnit }),
      tx.member.count({ where: onUnit }),
    ]);
    if (children > 0 || users > 0 || groups > 0 || members > 0) {
      throw new AppError('CONFLICT', 'org.deleteBlocked', { children, users });
    }
    await tx.orgUnit.delete({ where: { id } });
    await writeAudit(tx, auditActorOf(actor), { action: 'orgUnit.delete', entity: 'OrgUnit', entityId: id, before: unit });
  });
}
