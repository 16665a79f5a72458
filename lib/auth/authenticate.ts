import { db } from '@/lib/db';
import { writeAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { dummyPasswordHash, verifyPassword } from './password';
import { assertNotLocked, clearFailures, recordFailure, throttleKeys } from './throttle';

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address, for the per-address limit. */
  address: string;
}

/**
 * Checks a username and password. Throws RATE_LIMITED while locked, UNAUTHENTICATED on a wrong
 * or unknown username/password (the same message for both) and for a deactivated account.
 */
export async function authenticate({ username, password, address }: SignInAttempt) {
  const name = username.trim().toLowerCase();
  const keys = throttleKeys(name, address);
  await assertNotLocked(keys);

  const user = name ? await db.user.findUnique({ where: { username: name } }) : null;
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user || !valid) {
    const locked = await recordFailure(keys);
    if (locked) {
      await db.$transaction((tx) =>
        writeAudit(tx, null, { action: 'auth.locked', entity: 'User', entityId: user?.id, after: { username: name, address } }),
      );
      throw new AppError('RATE_LIMITED', 'auth.locked', { minutes: 15 });
    }
    throw new AppError('UNAUTHENTICATED', 'auth.invalid');
  }
  if (!user.active) throw new AppError('UNAUTHENTICATED', 'auth.deactivated');

  await clearFailures(name);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await writeAudit(tx, { userId: user.id, username: user.username, requestId: null }, {
      action: 'auth.signIn',
      entity: 'User',
      entityId: user.id,
      after: { address },
    });
  });
  return user;
}
