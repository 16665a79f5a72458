import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findOrgUnitInScope } from './find-org-unit';
import { CHILD_LEVELS } from './levels';
import type { OrgLevel, OrgUnit, Tx } from '@/lib/db';
import { createOrgUnitSchema, type CreateOrgUnitInput } from './schemas';

export async function createOrgUnit(actor: Actor, input: CreateOrgUnitInput) {
  assertCan(actor, 'org:manage');
  const data = parseInput(createOrgUnitSchema, input);
  return db.$transaction(async (tx) => {
    const parent = await findOrgUnitInScope(actor, data.parentId, tx);
    const level = await childLevel(tx, parent, data.level);
    if (!parent.active) {
      throw new AppError('CONFLICT', 'org.parentInactive', {}, { parentId: { key: 'org.parentInactive' } });
    }
    await assertCodeFree(tx, data.code);
    const id = randomUUID();
    const unit = await tx.orgUnit.create({
      data: { id, code: data.code, name: data.name, level, parentId: parent.id, path: `${parent.path}${id}/` },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'orgUnit.create', entity: 'OrgUnit', entityId: id, after: unit });
    return unit;
  });
}

/**
 * The new unit's level: the one asked for if the parent may hold it; else the parent's only child
 * level; under a province, a district while the province still has active districts, else a commune.
 */
async function childLevel(tx: Tx, parent: OrgUnit, asked: OrgLevel | undefined): Promise<OrgLevel> {
  const allowed = CHILD_LEVELS[parent.level];
  if (allowed.length === 0) throw new AppError('VALIDATION', 'org.noChildLevel', {}, { parentId: { key: 'org.noChildLevel' } });
  if (asked) {
    if (!allowed.includes(asked)) throw new AppError('VALIDATION', 'org.wrongParentLevel', {}, { level: { key: 'org.wrongParentLevel' } });
    return asked;
  }
  if (parent.level !== 'PROVINCE') return allowed[0]!;
  const districts = await tx.orgUnit.count({ where: { parentId: parent.id, level: 'DISTRICT', active: true } });
  return districts > 0 ? 'DISTRICT' : 'COMMUNE';
}

async function assertCodeFree(tx: Pick<typeof db, 'orgUnit'>, code: string) {
  const existing = await tx.orgUnit.findUnique({ where: { code } });
  if (existing) {
    throw new AppError('CONFLICT', 'org.codeTaken', { code }, { code: { key: 'org.codeTaken', params: { code } } });
  }
}
