import { randomBytes, scryptSync } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { db } from '@/lib/db';
import { createUser, resetPassword } from '@/lib/users';
import { authenticate } from './authenticate';
import { hashPassword, verifyPassword } from './password';

// Issue 22 "Also verify", ASVS V2.4.1/V2.4.2: passwords are stored as salted scrypt hashes
// at OWASP's strength (docs/security.md, "Password storage"), never as typed.

useTestDatabase();

const FORMAT = /^scrypt\$16384\$8\$5\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)$/;
const PASSWORD = 'Hội-Phụ-Nữ@2026';

/** A hash as another version of the code would have stored it, with its own parameters. */
function hashWith(password: string, N: number, r: number, p: number, keyLength = 64): string {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFC'), salt, keyLength, { N, r, p, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('a password hash', () => {
  it('is scrypt N=2^14, r=8, p=5 (an OWASP equivalent of N=2^17, p=1) with a 16-byte salt and a 64-byte key, fresh salt each time', async () => {
    const [first, second] = [await hashPassword(PASSWORD), await hashPassword(PASSWORD)];
    const [, salt, key] = FORMAT.exec(first)!;
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
    expect(first).not.toContain(PASSWORD);
    // The same password twice: other salt, other hash (no two users' equal passwords look alike).
    expect(second).toMatch(FORMAT);
    expect(FORMAT.exec(second)![1]).not.toBe(salt);
    expect(second).not.toBe(first);
    // It is the scrypt of the NFC password with those parameters, as any scrypt implementation computes it.
    expect(scryptSync(PASSWORD.normalize('NFC'), Buffer.from(salt!, 'base64'), 64, { N: 16384, r: 8, p: 5 }).toString('base64')).toBe(key);
  });

  it('verifies the right password, also typed as NFD Vietnamese, and refuses a wrong one', async () => {
    const stored = await hashPassword(PASSWORD.normalize('NFC'));
    expect(PASSWORD.normalize('NFD')).not.toBe(PASSWORD.normalize('NFC'));
    expect(await verifyPassword(PASSWORD.normalize('NFD'), stored)).toBe(true);
    expect(await verifyPassword(PASSWORD.normalize('NFC'), stored)).toBe(true);
    for (const wrong of ['Hoi-Phu-Nu@2026', 'hội-phụ-nữ@2026', `${PASSWORD} `, '']) expect(await verifyPassword(wrong, stored), wrong).toBe(false);
  });

  it('refuses, without throwing, a stored value that is malformed or of another scheme', async () => {
    const good = await hashPassword(PASSWORD);
    const [, N, r, p, salt, key] = good.split('$');
    const bad = [
      '', PASSWORD, `bcrypt$${N}$${r}$${p}$${salt}$${key}`, '$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234',
      `scrypt$abc$${r}$${p}$${salt}$${key}`, `scrypt$${N}$${r}$${p}$${salt}`, `scrypt$${N}$${r}$${p}$${salt}$`, `${good}$extra`,
      `scrypt$1000$${r}$${p}$${salt}$${key}`, // N not a power of two: scrypt refuses it
      `scrypt$${2 ** 24}$${r}$${p}$${salt}$${key}`, // 2 GiB of memory: over the bound
      `scrypt$0$${r}$${p}$${salt}$${key}`, `scrypt$${N}$${r}$100000$${salt}$${key}`, `scrypt$-16384$${r}$${p}$${salt}$${key}`,
    ];
    for (const stored of bad) await expect(verifyPassword(PASSWORD, stored), stored).resolves.toBe(false);
  });

  it('made with older or other parameters still verifies: they are read from the stored value', async () => {
    for (const [N, r, p, keyLength] of [[16384, 8, 1, 64], [2 ** 17, 8, 1, 64], [1024, 4, 2, 32]] as const) {
      const stored = hashWith(PASSWORD, N, r, p, keyLength);
      expect(await verifyPassword(PASSWORD, stored), stored).toBe(true);
      expect(await verifyPassword('sai mật khẩu', stored), stored).toBe(false);
    }
  });
});

describe('stored passwords', () => {
  let tree: Awaited<ReturnType<typeof createOrgTree>>;
  beforeAll(async () => {
    tree = await createOrgTree();
  });

  it('a user created or reset by an administrator is stored as such a hash, never as typed', async () => {
    const admin = await actorFor('ADMIN', tree.province);
    const created = await createUser(admin, { username: 'can.bo.xa1', fullName: 'Trần Thị Lan', password: PASSWORD, role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[0]!.id });
    const stored = async () => (await db.user.findUniqueOrThrow({ where: { id: created.id } })).passwordHash;
    const first = await stored();
    expect(first).toMatch(FORMAT);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    await resetPassword(admin, created.id, { password: 'Mật-khẩu-mới-2027' });
    const second = await stored();
    expect(second).toMatch(FORMAT);
    expect(await verifyPassword('Mật-khẩu-mới-2027', second)).toBe(true);
    expect(await verifyPassword(PASSWORD, second)).toBe(false);
    // Neither password is anywhere in the user's row or in the audit log.
    const row = JSON.stringify(await db.user.findUniqueOrThrow({ where: { id: created.id } }));
    const audit = JSON.stringify(await db.auditLog.findMany({ where: { entityId: created.id }, select: { action: true, before: true, after: true } }));
    for (const text of [row, audit]) for (const typed of [PASSWORD, 'Mật-khẩu-mới-2027']) expect(text).not.toContain(typed);
  });

  it('a hash with older parameters lets its user sign in and is replaced then by today\'s; her sessions go on; a wrong password changes nothing', async () => {
    const old = hashWith(PASSWORD, 16384, 8, 1);
    const user = await db.user.create({
      data: { username: 'can.bo.cu', fullName: 'Nguyễn Thị Cũ', role: 'COMMUNE_OFFICER', orgUnitId: tree.communes[1]!.id, passwordHash: old },
    });
    await expect(authenticate({ username: 'can.bo.cu', password: 'sai-mat-khau', address: '10.22.0.1' })).rejects.toMatchObject({ messageKey: 'auth.invalid' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(old);

    await authenticate({ username: 'can.bo.cu', password: PASSWORD.normalize('NFD'), address: '10.22.0.1' });
    const after = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.passwordHash).toMatch(FORMAT);
    expect(await verifyPassword(PASSWORD, after.passwordHash)).toBe(true);
    expect(after.passwordChangedAt).toEqual(user.passwordChangedAt);
    const signIn = await db.auditLog.findFirstOrThrow({ where: { action: 'auth.signIn', entityId: user.id } });
    expect(signIn.after).toMatchObject({ passwordRehashed: true });
    // Signed in again with today's hash: nothing to replace.
    await authenticate({ username: 'can.bo.cu', password: PASSWORD, address: '10.22.0.1' });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(after.passwordHash);
  });
});
