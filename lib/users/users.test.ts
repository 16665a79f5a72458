import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { authenticate } from '@/lib/auth/authenticate';
import { issueApiToken, actorFromApiToken } from '@/lib/auth/api-token';
import { loadActor } from '@/lib/auth/load-actor';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { createUser, listUsers, resetPassword, updateUser } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
beforeAll(async () => {
  tree = await createOrgTree();
});

let n = 0;
const username = () => `nguoi.dung${++n}${Math.random().toString(36).slice(2, 6)}`;

async function codeOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return `${error.code}:${error.messageKey}`;
    throw error;
  }
}

describe('managing users', () => {
  it('creates a commune officer who can then sign in; the hash is never returned or audited', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const name = username();
    const user = await createUser(admin, { username: name.toUpperCase(), fullName: 'Lê Thị Hoa', password: 'MatKhau@123', role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[0]!.id });
    expect(user.username).toBe(name);
    expect(user).not.toHaveProperty('passwordHash');
    const signedIn = await authenticate({ username: name, password: 'MatKhau@123', address: '127.0.0.9' });
    expect(signedIn.id).toBe(user.id);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: user.id, action: 'user.create' } });
    expect(JSON.stringify(audit.after)).not.toContain('scrypt');
  });

  it('checks the role against the unit level and the actor\'s rights', async () => {
    const officer = await actorFor('PROVINCE_OFFICER', tree.province);
    const base = { fullName: 'X', password: 'MatKhau@123' };
    expect(await codeOf(createUser(officer, { ...base, username: username(), role: 'ADMIN', orgUnitId: tree.province.id }))).toBe('FORBIDDEN:users.adminOnly');
    expect(await codeOf(createUser(officer, { ...base, username: username(), role: 'DISTRICT_LEADER', orgUnitId: tree.communes[0]!.id }))).toBe('VALIDATION:users.roleLevel');
    expect(await codeOf(createUser(officer, { ...base, username: username(), role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[0]!.id, password: 'short' }))).toBe('VALIDATION:errors.validation');
    const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    expect(await codeOf(createUser(leader, { ...base, username: username(), role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[0]!.id }))).toBe('FORBIDDEN:errors.forbidden');
    const districtAdmin = await actorFor('ADMIN', tree.districts[0]!);
    expect(await codeOf(createUser(districtAdmin, { ...base, username: username(), role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[2]!.id }))).toBe('NOT_FOUND:errors.notFound');
  });

  it('refuses a taken username', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const name = username();
    const input = { username: name, fullName: 'A', password: 'MatKhau@123', role: 'COMMUNE_OFFICER' as const, orgUnitId: tree.communes[1]!.id };
    await createUser(admin, input);
    expect(await codeOf(createUser(admin, input))).toBe('CONFLICT:users.usernameTaken');
  });

  it('deactivating a user ends their sessions and tokens at once', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const user = await createUser(admin, { username: username(), fullName: 'B', password: 'MatKhau@123', role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[1]!.id });
    const { token } = await issueApiToken(user.id, user.username, null);
    expect(await actorFromApiToken(token, 'r1')).not.toBeNull();
    await updateUser(admin, user.id, { active: false });
    expect(await loadActor(user.id)).toBeNull();
    expect(await actorFromApiToken(token, 'r2')).toBeNull();
  });

  it('a password reset invalidates sessions issued before it', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const user = await createUser(admin, { username: username(), fullName: 'C', password: 'MatKhau@123', role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[1]!.id });
    await db.user.update({ where: { id: user.id }, data: { passwordChangedAt: new Date(Date.now() - 3_600_000) } });
    const issuedAt = new Date(Date.now() - 1_800_000);
    expect(await loadActor(user.id, { issuedAt })).not.toBeNull();
    await resetPassword(admin, user.id, { password: 'MatKhauMoi@456' });
    expect(await loadActor(user.id, { issuedAt })).toBeNull();
    expect(await loadActor(user.id, { issuedAt: new Date(Date.now() + 2000) })).not.toBeNull();
  });

  it('nobody removes their own rights', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    expect(await codeOf(updateUser(admin, admin.userId, { active: false }))).toBe('FORBIDDEN:users.notYourself');
    expect(await codeOf(updateUser(admin, admin.userId, { role: 'BANK_LIAISON' }))).toBe('FORBIDDEN:users.notYourself');
  });

  it('lists only users within scope', async () => {
    const leader = await actorFor('ADMIN', tree.districts[1]!);
    const { users } = await listUsers(leader, {});
    const unitIds = new Set([tree.districts[1]!.id, tree.communes[2]!.id, tree.communes[3]!.id, tree.chapters[2]!.id, tree.chapters[3]!.id]);
    expect(users.length).toBeGreaterThan(0);
    for (const user of users) expect(unitIds.has(user.orgUnitId)).toBe(true);
  });
});

describe('audit log scope', () => {
  it('only a province-level administrator reads the audit log', async () => {
    const { listAudit } = await import('@/lib/audit');
    const districtAdmin = await actorFor('ADMIN', tree.districts[0]!);
    expect(await codeOf(listAudit(districtAdmin, {}))).toBe('FORBIDDEN:errors.forbidden');
    const provinceAdmin = await actorFor('ADMIN', tree.province);
    expect((await listAudit(provinceAdmin, {})).total).toBeGreaterThan(0);
  });
});
