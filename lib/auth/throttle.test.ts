import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createUnit, createUser } from '@/tests/factories/org';
import { authenticate } from './authenticate';
import { knownDeviceToken } from './known-device';
import { accountDelayMs, removeExpiredThrottles } from './throttle';
import { listFailedSignIns } from '@/lib/audit';
import { advanceClock, setClock } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import { db } from '@/lib/db';

useTestDatabase();

const PASSWORD = 'Dung-mat-khau-1';
let lastError: AppError | null = null;

/** 'ok', 'locked:<minutes>' (the address refused), 'delayed:<count>:<unit>' (the username waits) or the message key. */
async function attempt(username: string, password: string, address: string, device?: string | null) {
  lastError = null;
  try {
    await authenticate({ username, password, address, device });
    return 'ok';
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    lastError = error;
    if (error.messageKey === 'auth.delayed') return `delayed:${error.params.count}:${error.params.unit}`;
    if (error.code === 'RATE_LIMITED') return `locked:${error.params.minutes}`;
    return error.messageKey;
  }
}

async function setup(role: 'ADMIN' | 'PROVINCE_OFFICER' = 'ADMIN') {
  const unit = await createUnit('PROVINCE', null);
  return createUser(role, unit, { password: PASSWORD });
}

beforeEach(async () => {
  setClock('2026-12-07T09:00:00+07:00');
  // One database for the file: each test starts with no counts (the audit log only grows).
  await db.signInThrottle.deleteMany();
});
afterEach(() => setClock(null));

describe('sign-in throttling (issue 22 §9)', () => {
  it("an attacker's 20 wrong passwords from many addresses do not stop the real admin on her known device", async () => {
    const admin = await setup();
    // She signed in on this browser before: it holds the known-device cookie (set by every successful sign-in).
    expect(await attempt(admin.username, PASSWORD, '192.0.2.10')).toBe('ok');
    const device = await knownDeviceToken(admin.id);

    for (let i = 1; i <= 20; i++) await attempt(admin.username, 'doan-bua', `198.51.100.${i}`);

    expect(await attempt(admin.username, PASSWORD, '192.0.2.10', device)).toBe('ok');
    // Each successful sign-in clears the count: the attacker starts over.
    expect(await attempt(admin.username, 'doan-bua', '198.51.100.99')).toBe('auth.invalid');
  });

  it("a device cookie of another user, or a forged one, is not a known device", async () => {
    const admin = await setup();
    const other = await setup();
    for (let i = 1; i <= 6; i++) await attempt(admin.username, 'doan-bua', `198.51.101.${i}`);
    const othersDevice = await knownDeviceToken(other.id);
    const forged = `${admin.id}.${othersDevice.split('.')[1]}.${othersDevice.split('.')[2]}`;
    expect(await attempt(admin.username, PASSWORD, '192.0.2.11', othersDevice)).toMatch(/^delayed:/);
    expect(await attempt(admin.username, PASSWORD, '192.0.2.11', forged)).toMatch(/^delayed:/);
    expect(await attempt(admin.username, PASSWORD, '192.0.2.11', 'rac')).toMatch(/^delayed:/);
  });

  it('from an unknown device the wait grows after 5 failures, the message names it, and after it the right password works', async () => {
    const user = await setup();
    for (let i = 1; i <= 5; i++) expect(await attempt(user.username, 'wrong', `10.0.0.${i}`)).toBe('auth.invalid');
    // Even the right password waits: the delay does not depend on the password.
    expect(await attempt(user.username, PASSWORD, '10.0.1.1')).toBe('delayed:30:seconds');
    expect(translateError('vi', lastError!).message).toBe(
      'Tên đăng nhập này đã bị nhập sai nhiều lần. Vui lòng chờ 30 giây rồi thử lại, hoặc đăng nhập từ thiết bị bạn đã dùng trước đây.',
    );
    expect(translateError('en', lastError!).message).toContain('Wait 30 seconds');

    advanceClock(30_001);
    expect(await attempt(user.username, 'wrong', '10.0.0.6')).toBe('auth.invalid');
    expect(await attempt(user.username, PASSWORD, '10.0.1.1')).toBe('delayed:1:minutes');
    advanceClock(60_001);
    expect(await attempt(user.username, 'wrong', '10.0.0.7')).toBe('auth.invalid');
    expect(await attempt(user.username, PASSWORD, '10.0.1.1')).toBe('delayed:2:minutes');
    expect(translateError('vi', lastError!).message).toContain('Vui lòng chờ 2 phút');
    advanceClock(60_000);
    expect(await attempt(user.username, PASSWORD, '10.0.1.1')).toBe('delayed:1:minutes');
    advanceClock(60_001);
    expect(await attempt(user.username, PASSWORD, '10.0.1.1')).toBe('ok');
    expect(await db.signInThrottle.findUnique({ where: { key: `user:${user.username}` } })).toBeNull();
  });

  it('the wait doubles up to 15 minutes, never a lock longer than that', () => {
    expect([4, 5, 6, 7, 8, 9, 10, 30].map((f) => accountDelayMs(f) / 1000)).toEqual([0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('an unknown username waits the same way (the answer does not tell whether it exists)', async () => {
    await setup();
    for (let i = 1; i <= 5; i++) expect(await attempt('khong-co-ai', 'x', `10.9.0.${i}`)).toBe('auth.invalid');
    expect(await attempt('khong-co-ai', 'x', '10.9.1.1')).toBe('delayed:30:seconds');
  });

  it('one address with 10 failures across usernames is refused for 15 minutes, other addresses are not', async () => {
    const user = await setup();
    const address = '10.2.0.1';
    for (let i = 0; i < 10; i++) expect(await attempt(`nobody${i}`, 'wrong', address)).toBe('auth.invalid');
    expect(await attempt(user.username, PASSWORD, address)).toBe('locked:15');
    expect(translateError('vi', lastError!).message).toBe('Đăng nhập sai quá nhiều lần từ địa chỉ này. Vui lòng thử lại sau 15 phút.');
    // A known device does not pass an address limit.
    expect(await attempt(user.username, PASSWORD, address, await knownDeviceToken(user.id))).toBe('locked:15');
    expect(await attempt(user.username, PASSWORD, '10.2.0.2')).toBe('ok');
    advanceClock(14 * 60_000);
    expect(await attempt(user.username, PASSWORD, address)).toBe('locked:1');
    advanceClock(60_001);
    expect(await attempt(user.username, PASSWORD, address)).toBe('ok');
  });

  it('a successful sign-in clears the username count', async () => {
    const user = await setup();
    for (let i = 0; i < 4; i++) await attempt(user.username, 'wrong', `10.3.0.${i}`);
    expect(await attempt(user.username, PASSWORD, '10.3.1.1')).toBe('ok');
    for (let i = 0; i < 5; i++) expect(await attempt(user.username, 'wrong', `10.3.2.${i}`)).toBe('auth.invalid');
  });

  it('concurrent attempts cannot slip past the wait', async () => {
    const user = await setup();
    await Promise.all(Array.from({ length: 12 }, (_, i) => attempt(user.username, 'wrong', `10.4.0.${i}`)));
    expect(await attempt(user.username, PASSWORD, '10.4.1.1')).toMatch(/^delayed:15:minutes$/);
    advanceClock(15 * 60_000 + 1);
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => attempt(user.username, 'wrong', `10.4.2.${i}`)));
    expect(answers.filter((a) => a === 'auth.invalid')).toHaveLength(1);
    expect(answers.filter((a) => a.startsWith('delayed:'))).toHaveLength(5);
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

  it('every failed sign-in leaves one auth.failed entry with the username, address and reason, never the password', async () => {
    const user = await setup();
    const inactive = await setup();
    const before = (await db.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    await db.user.update({ where: { id: inactive.id }, data: { active: false } });
    await attempt(user.username, PASSWORD, '10.7.0.1');
    const failures: [string, string, string, string][] = [
      [`  ${user.username.toUpperCase()} `, 'Sai-Mat-Khau-Bi-Mat', '10.7.0.2', 'password'],
      ['khong-co-ai', 'Sai-Mat-Khau-Bi-Mat', '10.7.0.3', 'unknownUser'],
      [inactive.username, PASSWORD, '10.7.0.4', 'inactive'],
    ];
    for (let i = 0; i < 4; i++) failures.push([user.username, 'Sai-Mat-Khau-Bi-Mat', `10.7.1.${i}`, 'password']);
    failures.push([user.username, 'Sai-Mat-Khau-Bi-Mat', '10.7.2.1', 'delayed']);
    for (let i = 0; i < 10; i++) failures.push([`x${i}`, 'Sai-Mat-Khau-Bi-Mat', '10.7.3.1', 'unknownUser']);
    failures.push([user.username, PASSWORD, '10.7.3.1', 'addressLimited']);
    failures.push(['a'.repeat(100), 'Sai-Mat-Khau-Bi-Mat', '10.7.4.1', 'unknownUser']);
    for (const [name, password, address] of failures) expect(await attempt(name, password, address)).not.toBe('ok');

    const entries = await db.auditLog.findMany({ where: { action: 'auth.failed', id: { gt: before } }, orderBy: { id: 'asc' } });
    expect(entries).toHaveLength(failures.length);
    expect(entries.map((e) => e.after)).toEqual(
      failures.map(([name, , address, reason]) => ({ username: name.trim().slice(0, 64), ipAddress: address, reason })),
    );
    expect(entries.map((e) => e.entityId)).toEqual(
      failures.map(([name]) => ({ [user.username]: user.id, [inactive.username]: inactive.id })[name.trim().toLowerCase()] ?? null),
    );
    expect(JSON.stringify(await db.auditLog.findMany(), (_key, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toMatch(/Sai-Mat-Khau-Bi-Mat|Dung-mat-khau/);
    // The address limit's start is still recorded once, as before.
    expect(await db.auditLog.count({ where: { action: 'auth.locked', id: { gt: before } } })).toBe(1);
    expect(await db.auditLog.count({ where: { action: 'auth.signIn', entityId: user.id } })).toBe(1);
  });

  it('an installation administrator reads the last 50 failed sign-ins; nobody else does', async () => {
    const root = await createUnit('PROVINCE', null);
    const district = await createUnit('DISTRICT', root);
    for (let i = 0; i < 55; i++) await attempt(`ke-gian-${i}`, 'x', `203.0.113.${i}`);
    const admin = await actorFor('ADMIN', root);
    const list = await listFailedSignIns(admin);
    expect(list).toHaveLength(50);
    expect(list[0]).toMatchObject({ username: 'ke-gian-54', address: '203.0.113.54', reason: 'unknownUser' });
    expect(list[49]!.username).toBe('ke-gian-5');
    for (const other of [await actorFor('PROVINCE_OFFICER', root), await actorFor('DISTRICT_LEADER', root), await actorFor('ADMIN', district)]) {
      await expect(listFailedSignIns(other)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('the nightly clean-up keeps a username count for a day, an address count for 15 minutes', async () => {
    await attempt('khong-co-ai', 'x', '10.8.0.1');
    advanceClock(16 * 60_000);
    expect(await removeExpiredThrottles()).toBe(1);
    expect(await db.signInThrottle.findMany({ select: { key: true } })).toEqual([{ key: 'user:khong-co-ai' }]);
    advanceClock(24 * 3_600_000);
    expect(await removeExpiredThrottles()).toBe(1);
  });
});
