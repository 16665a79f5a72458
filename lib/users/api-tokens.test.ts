import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { actorFromApiToken, issueApiToken } from '@/lib/auth/api-token';
import { db } from '@/lib/db';
import { listApiTokens, revokeApiToken, updateUser } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let admin: Actor;
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  admin = await actorFor('ADMIN', tree.province);
});

describe('API tokens', () => {
  it('are listed without the token, with last use; revocable by their user and by an administrator, at once', async () => {
    const first = await issueApiToken(officer.userId, officer.username, null);
    const second = await issueApiToken(officer.userId, officer.username, null);
    expect((await actorFromApiToken(first.token, 'r1'))?.userId).toBe(officer.userId);
    const listed = await listApiTokens(officer);
    expect(listed).toHaveLength(2);
    expect(JSON.stringify(listed)).not.toContain(first.token.slice(4, 20));
    expect(listed.every((t) => t.state === 'ACTIVE')).toBe(true);
    expect(listed.some((t) => t.lastUsedAt !== null)).toBe(true);

    const firstId = listed.find((t) => t.lastUsedAt !== null)!.id;
    await revokeApiToken(officer, firstId);
    expect(await actorFromApiToken(first.token, 'r2')).toBeNull();
    expect((await failure(revokeApiToken(officer, firstId))).key).toBe('users.tokenRevoked');

    // Another commune's officer sees none of it; an administrator of the province does.
    const stranger = await actorFor('COMMUNE_OFFICER', tree.communes[2]!);
    expect((await failure(listApiTokens(stranger, officer.userId))).code).toBe('NOT_FOUND');
    const secondId = listed.find((t) => t.id !== firstId)!.id;
    expect((await failure(revokeApiToken(stranger, secondId))).code).toBe('NOT_FOUND');
    expect((await listApiTokens(admin, officer.userId)).map((t) => t.state).sort()).toEqual(['ACTIVE', 'REVOKED']);
    await revokeApiToken(admin, secondId);
    expect(await actorFromApiToken(second.token, 'r3')).toBeNull();
    expect(await db.auditLog.count({ where: { action: 'apiToken.revoke' } })).toBe(2);
  });

  it('stop working the moment their user is deactivated', async () => {
    const user = await actorFor('COMMUNE_OFFICER', tree.communes[1]!);
    const { token } = await issueApiToken(user.userId, user.username, null);
    expect(await actorFromApiToken(token, 'r4')).not.toBeNull();
    await updateUser(admin, user.userId, { active: false });
    expect(await actorFromApiToken(token, 'r5')).toBeNull();
  });
});
