import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type OrgUnit, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findOrgUnitInScope } from './find-org-unit';
import { PARENT_LEVELS } from './levels';
import { updateOrgUnitSchema, type UpdateOrgUnitInput } from './schemas';

/** Renames, moves (to a new parent of the right level), (de)activates and/or sets the union-member count of a unit. */
export async function updateOrgUnit(actor: Actor, id: string, input: UpdateOrgUnitInput) {
  assertCan(actor, 'org:manage');
  const data = parseInput(updateOrgUnitSchema, input);
  return db.$transaction(async (tx) => {
    const before = await findOrgUnitInScope(actor, id, tx);
    // The actor's own unit is the root of their scope: moving or deactivating it would act above it.
    if (before.id === actor.orgUnitId && (data.parentId !== undefined || data.active === false)) {
      throw new AppError('FORBIDDEN', 'org.ownUnit');
    }
    let path = before.path;
    if (data.parentId !== undefined && data.parentId !== before.parentId) {
      path = await moveSubtree(actor, tx, before, data.parentId);
    }
    if (data.active === false && before.active) await assertCanDeactivate(tx, before);
    if (data.active === true && !before.active && before.parentId) await assertParentActive(tx, before.parentId);

    const after = await tx.orgUnit.update({
      where: { id },
      data: { name: data.name, active: data.active, parentId: data.parentId, path, unionMemberCount: data.unionMemberCount, cluster: data.cluster },
    });
    await writeAudit(tx, auditActorOf(actor), { action: auditAction(before, after), entity: 'OrgUnit', entityId: id, before, after });
    return after;
  });
}

function auditAction(before: OrgUnit, after: OrgUnit): string {
  if (before.parentId !== after.parentId) return 'orgUnit.move';
  if (before.active !== after.active) return after.active ? 'orgUnit.activate' : 'orgUnit.deactivate';
  if (before.unionMemberCount !== after.unionMemberCount) return 'orgUnit.unionMembers';
  if (before.cluster !== after.cluster) return 'orgUnit.cluster';
  return 'orgUnit.rename';
}

async function moveSubtree(actor: Actor, tx: Tx, unit: OrgUnit, newParentId: string): Promise<string> {
  const parent = await findOrgUnitInScope(actor, newParentId, tx);
  if (!PARENT_LEVELS[unit.level].includes(parent.level)) {
    throw new AppError('VALIDATION', 'org.wrongParentLevel', {}, { parentId: { key: 'org.wrongParentLevel' } });
  }
  if (!parent.active) throw new AppError('CONFLICT', 'org.parentInactive', {}, { parentId: { key: 'org.parentInactive' } });
  if (unit.level === 'CHAPTER') {
    // Groups and members name their commune directly: a chapter with any cannot change commune.
    const onChapter = { chapterId: unit.id };
    if ((await tx.group.count({ where: onChapter })) + (await tx.member.count({ where: onChapter })) > 0) {
      throw new AppError('CONFLICT', 'org.chapterHasData', {}, { parentId: { key: 'org.chapterHasData' } });
    }
  }
  const newPath = `${parent.path}${unit.id}/`;
  // Rewrite the materialised path of every descendant in one statement.
  await tx.$executeRaw`
    UPDATE "OrgUnit" SET "path" = ${newPath}::text || substring("path" from ${unit.path.length + 1}::int)
    WHERE "path" LIKE ${unit.path + '%'}::text AND "id" <> ${unit.id}::uuid`;
  return newPath;
}

async function assertCanDeactivate(tx: Tx, unit: OrgUnit) {
  const [activeChildren, activeUsers] = await Promise.all([
    tx.orgUnit.count({ where: { parentId: unit.id, active: true } }),
    tx.user.count({ where: { orgUnitId: unit.id, active: true } }),
  ]);
  if (activeChildren > 0 || activeUsers > 0) {
    throw new AppError('CONFLICT', 'org.deactivateBlocked', { children: activeChildren, users: activeUsers });
  }
}

async function assertParentActive(tx: Tx, parentId: string) {
  const parent = await tx.orgUnit.findUnique({ where: { id: parentId } });
  if (!parent?.active) throw new AppError('CONFLICT', 'org.parentInactive');
}
