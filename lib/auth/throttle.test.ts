import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { createUnit, createUser } from '@/tests/factories/org';
import { authenticate } from './authenticate';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';

useTestDatabase();

const PASSWORD = 'Dung-mat-khau-1';

async function attempt(username: string, password: string, address: string) {
  try {
    await authenticate({ username, password, address });
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code === 'RATE_LIMITED' ? `locked:${error.params.minutes}` : error.messageKey;
    throw error;
  }
}

async function setup() {
  const unit = await createUnit('PROVINCE', null);
  return createUser('ADMIN', unit, { password: PASSWORD });
}

describe('sign-in rate limit', () => {
  it('locks a username for 15 minutes after 5 failures, even with the right password', async () => {
    const user = await setup();
    for (let i = 1; i <= 4; i++) expect(await attempt(user.username, 'wrong', `10.0.0.${i}`)).toBe('auth.invalid');
    expect(await attempt(user.username, 'wrong', '10.0.0.5')).toBe('locked:15');
    expect(await attempt(user.username, PASSWORD, '10.0.0.6')).toBe('locked:15');
    const lock = await db.signInThrottle.findUniqueOrThrow({ where: { key: `user:${user.username}` } });
    const minutes = (lock.lockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14.9);
    expect(minutes).toBeLessThanOrEqual(15);
  });

  it('opens again once the lock has passed', async () => {
    const user = await setup();
    for (let i = 0; i < 5; i++) await attempt(user.username, 'wrong', '10.1.0.1');
    expect(await attempt(user.username, PASSWORD, '10.1.0.2')).toBe('locked:15');
    await db.signInThrottle.updateMany({ data: { lockedUntil: new Date(Date.now() - 1000) }, where: { key: { startsWith: 'user:' + user.username } } });
    expect(await attempt(user.username, PASSWORD, '10.1.0.2')).toBe('ok');
  });

  it('locks an address after 5 failures across different usernames', async () => {
    const user = await setup();
    const address = '10.2.0.1';
    for (let i = 0; i < 5; i++) await attempt(`nobody${i}`, 'wrong', address);
    expect(await attempt(user.username, PASSWORD, address)).toBe('locked:15');
    expect(await attempt(user.username, PASSWORD, '10.2.0.2')).toBe('ok');
  });

  it('a successful sign-in clears the username count', async () => {
    const user = await setup();
    for (let i = 0; i < 4; i++) await attempt(user.username, 'wrong', `10.3.0.${i}`);
    expect(await attempt(user.username, PASSWORD, '10.3.1.1')).toBe('ok');
    for (let i = 0; i < 4; i++) expect(await attempt(user.username, 'wrong', `10.3.2.${i}`)).toBe('auth.invalid');
  });

  it('concurrent failures cannot slip past the limit', async () => {
    const user = await setup();
    await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.username, 'wrong', `10.4.0.${i}`)));
    expect(await attempt(user.username, PASSWORD, '10.4.1.1')).toBe('locked:15');
  });

  it('an unknown username and a wrong password get the same answer', async () => {
    const user = await setup();
    expect(await attempt('khong-co-ai', 'x', '10.5.0.1')).toBe('auth.invalid');
    expect(await attempt(user.username, 'x', '10.5.0.2')).toBe('auth.invalid');
  });

  it('a deactivated account cannot sign in', async () => {
    const user = await setup();
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await attempt(user.username, PASSWORD, '10.6.0.1')).toBe('auth.deactivated');
  });

  it('sign-ins and lockouts are written to the audit log', async () => {
    const user = await setup();
    await attempt(user.username, PASSWORD, '10.7.0.1');
    for (let i = 0; i < 5; i++) await attempt(user.username, 'wrong', '10.7.0.2');
    const actions = (await db.auditLog.findMany({ where: { entityId: user.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.signIn', 'auth.locked']));
  });
});
