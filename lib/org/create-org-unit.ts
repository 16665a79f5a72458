import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findOrgUnitInScope } from './find-org-unit';
import { CHILD_LEVEL } from './levels';
import { createOrgUnitSchema, type CreateOrgUnitInput } from './schemas';

export async function createOrgUnit(actor: Actor, input: CreateOrgUnitInput) {
  assertCan(actor, 'org:manage');
  const data = parseInput(createOrgUnitSchema, input);
  return db.$transaction(async (tx) => {
    const parent = await findOrgUnitInScope(actor, data.parentId, tx);
    const level = CHILD_LEVEL[parent.level];
    if (!level) throw new AppError('VALIDATION', 'org.noChildLevel', {}, { parentId: { key: 'org.noChildLevel' } });
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

async function assertCodeFree(tx: Pick<typeof db, 'orgUnit'>, code: string) {
  const existing = await tx.orgUnit.findUnique({ where: { code } });
  if (existing) {
    throw new AppError('CONFLICT', 'org.codeTaken', { code }, { code: { key: 'org.codeTaken', params: { code } } });
  }
}
