import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree, createUser } from '@/tests/factories/org';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createOrgUnit, deleteOrgUnit, listOrgUnits, updateOrgUnit } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
beforeEach(async () => {
  tree = await createOrgTree();
});

const code = () => `T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
  }
  throw new Error('expected an AppError');
}

describe('creating units', () => {
  it('derives the level and the materialised path from the parent, and audits it', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const unit = await createOrgUnit(admin, { code: ' nd-new-1 ', name: ' Xã Mới ', parentId: tree.districts[0]!.id });
    expect(unit).toMatchObject({ code: 'ND-NEW-1', name: 'Xã Mới', level: 'COMMUNE', path: `${tree.districts[0]!.path}${unit.id}/` });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: unit.id } });
    expect(audit).toMatchObject({ action: 'orgUnit.create', actorId: admin.userId, requestId: admin.requestId });
    expect(audit.after).toMatchObject({ code: 'ND-NEW-1', name: 'Xã Mới' });
  });

  it('refuses a taken code and bad input, naming the fields, and writes nothing', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const before = await db.orgUnit.count();
    const taken = await errorOf(createOrgUnit(admin, { code: tree.communes[0]!.code, name: 'X', parentId: tree.districts[0]!.id }));
    expect(taken.code).toBe('CONFLICT');
    expect(Object.keys(taken.fields)).toEqual(['code']);
    const bad = await errorOf(createOrgUnit(admin, { code: 'x', name: '', parentId: 'nope' }));
    expect(bad.code).toBe('VALIDATION');
    expect(Object.keys(bad.fields).sort()).toEqual(['code', 'name', 'parentId']);
    expect(await db.orgUnit.count()).toBe(before);
  });

  it('has no level below a chapter', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    expect((await errorOf(createOrgUnit(admin, { code: code(), name: 'X', parentId: tree.chapters[0]!.id }))).messageKey).toBe('org.noChildLevel');
  });
});

describe('renaming, moving, deactivating', () => {
  it('moves a commune to another district and rewrites the paths of its whole subtree', async () => {
    const officer = await actorFor('PROVINCE_OFFICER', tree.province);
    const commune = tree.communes[0]!;
    const target = tree.districts[1]!;
    const moved = await updateOrgUnit(officer, commune.id, { parentId: target.id });
    expect(moved.path).toBe(`${target.path}${commune.id}/`);
    const chapter = await db.orgUnit.findUniqueOrThrow({ where: { id: tree.chapters[0]!.id } });
    expect(chapter.path).toBe(`${moved.path}${chapter.id}/`);
    const leader = await actorFor('DISTRICT_LEADER', target);
    expect((await listOrgUnits(leader)).map((u) => u.id)).toEqual(expect.arrayContaining([commune.id, chapter.id]));
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: commune.id, action: 'orgUnit.move' } });
    expect(audit.before).toMatchObject({ parentId: tree.districts[0]!.id });
    expect(audit.after).toMatchObject({ parentId: target.id });
  });

  it('refuses a parent of the wrong level and a parent outside scope', async () => {
    const leader = await actorFor('ADMIN', tree.districts[0]!);
    expect((await errorOf(updateOrgUnit(leader, tree.chapters[0]!.id, { parentId: tree.districts[0]!.id }))).messageKey).toBe('org.wrongParentLevel');
    expect((await errorOf(updateOrgUnit(leader, tree.communes[0]!.id, { parentId: tree.districts[1]!.id }))).code).toBe('NOT_FOUND');
  });

  it('renames, with before and after in the audit log', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    await updateOrgUnit(admin, tree.communes[1]!.id, { name: 'Hội LHPN phường Mới' });
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: tree.communes[1]!.id, action: 'orgUnit.rename' } });
    expect(audit.before).toMatchObject({ name: 'D1-C2' });
    expect(audit.after).toMatchObject({ name: 'Hội LHPN phường Mới' });
  });

  it('deactivates only when no active unit or user remains below, and reactivates', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const commune = tree.communes[2]!;
    const user = await createUser('COMMUNE_OFFICER', commune);
    const blocked = await errorOf(updateOrgUnit(admin, commune.id, { active: false }));
    expect(blocked).toMatchObject({ code: 'CONFLICT', messageKey: 'org.deactivateBlocked', params: { children: 1, users: 1 } });
    await updateOrgUnit(admin, tree.chapters[2]!.id, { active: false });
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await updateOrgUnit(admin, commune.id, { active: false })).active).toBe(false);
    expect((await errorOf(updateOrgUnit(admin, tree.chapters[2]!.id, { active: true }))).messageKey).toBe('org.parentInactive');
    expect((await updateOrgUnit(admin, commune.id, { active: true })).active).toBe(true);
  });

  it('an actor cannot move or deactivate their own unit', async () => {
    const admin = await actorFor('ADMIN', tree.districts[0]!);
    expect((await errorOf(updateOrgUnit(admin, tree.districts[0]!.id, { active: false }))).messageKey).toBe('org.ownUnit');
  });
});

describe('deleting', () => {
  it('deletes a unit created by mistake but refuses one with children or users', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const mistake = await createOrgUnit(admin, { code: code(), name: 'Nhầm', parentId: tree.communes[3]!.id });
    await deleteOrgUnit(admin, mistake.id);
    expect(await db.orgUnit.findUnique({ where: { id: mistake.id } })).toBeNull();
    expect(await db.auditLog.count({ where: { entityId: mistake.id, action: 'orgUnit.delete' } })).toBe(1);

    const blocked = await errorOf(deleteOrgUnit(admin, tree.communes[3]!.id));
    expect(blocked).toMatchObject({ code: 'CONFLICT', messageKey: 'org.deleteBlocked' });
    expect(await db.orgUnit.findUnique({ where: { id: tree.communes[3]!.id } })).not.toBeNull();
  });
});

describe('review fixes', () => {
  it('a unit whose groups or members exist cannot be deleted', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const chapter = await createOrgUnit(admin, { code: code(), name: 'Chi hội có tổ', parentId: tree.communes[0]!.id });
    await db.group.create({ data: { orgUnitId: tree.communes[0]!.id, chapterId: chapter.id, code: code(), name: 'Tổ', programmeKind: 'VBSP' } });
    expect((await errorOf(deleteOrgUnit(admin, chapter.id))).messageKey).toBe('org.deleteBlocked');
    expect((await errorOf(updateOrgUnit(admin, chapter.id, { parentId: tree.communes[1]!.id }))).messageKey).toBe('org.chapterHasData');
  });
});
