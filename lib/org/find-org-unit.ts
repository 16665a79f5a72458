import type { Actor } from '@/lib/auth/actor';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type OrgUnit, type Prisma, type Tx } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';

/** A unit inside the actor's subtree, or NOT_FOUND (also for ids elsewhere: nothing leaks). */
export async function findOrgUnitInScope(actor: Actor, id: string, tx: Tx = db) {
  const unit = isUuid(id) ? await tx.orgUnit.findFirst({ where: { id, ...orgUnitScope(actor) } }) : null;
  if (!unit) throw notFound();
  return unit;
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** An active commune in scope, where groups and members live. */
export async function findCommuneInScope(actor: Actor, id: string, tx: Tx = db, field = 'orgUnitId') {
  const unit = await findOrgUnitInScope(actor, id, tx);
  if (unit.level !== 'COMMUNE') throw new AppError('VALIDATION', 'registers.notACommune', {}, { [field]: { key: 'registers.notACommune' } });
  if (!unit.active) throw new AppError('CONFLICT', 'org.parentInactive', {}, { [field]: { key: 'users.unitInactive' } });
  return unit;
}

/** A chapter (chi hội) of the given commune, or a VALIDATION error on `chapterId`. */
export async function findChapterOf(communeId: string, chapterId: string, tx: Tx = db) {
  const chapter = await tx.orgUnit.findFirst({ where: { id: chapterId, parentId: communeId, level: 'CHAPTER' } });
  if (!chapter) throw new AppError('VALIDATION', 'registers.chapterNotInCommune', {}, { chapterId: { key: 'registers.chapterNotInCommune' } });
  return chapter;
}

/** The last day of a unit in scope that a reorganisation ended, or null (still exists, or not found). */
export async function lastDayOf(actor: Actor, id: string): Promise<Date | null> {
  if (!isUuid(id)) return null;
  const unit = await db.orgUnit.findFirst({ where: { id, ...orgUnitScope(actor) }, select: { validTo: true } });
  return unit?.validTo ?? null;
}

/**
 * The area a report covers: a unit in scope, or — by default, or asked by the actor's own unit id —
 * the actor's own area: her unit, or for a bank liaison of a transaction office, the office's
 * communes within it (`within`; the unit is then named after the office).
 */
export async function findReportArea(actor: Actor, id?: string, tx: Tx = db) {
  if (actor.scopePaths && (!id || id === actor.orgUnitId)) {
    const unit = await tx.orgUnit.findUniqueOrThrow({ where: { id: actor.orgUnitId } });
    return { unit: { ...unit, name: actor.bankOfficeName ?? unit.name }, within: actor.scopePaths };
  }
  return { unit: await findOrgUnitInScope(actor, id ?? actor.orgUnitId, tx), within: null };
}

/**
 * `where` for the units of a report area: the unit's subtree, within the actor's scope (for a bank
 * liaison of a transaction office, only the office's communes of it).
 */
export function areaUnits(actor: Actor, unit: Pick<OrgUnit, 'path'>): Prisma.OrgUnitWhereInput {
  return { AND: [{ path: { startsWith: unit.path } }, orgUnitScope(actor)] };
}
