import { db } from '@/lib/db';
import { writeAudit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import { isKnownDevice } from './known-device';
import { dummyPasswordHash, hashPassword, needsRehash, verifyPassword } from './password';
import { assertAddressOpen, claimAccountAttempt, clearFailures, recordAccountFailure, recordAddressFailure } from './throttle';

export interface SignInAttempt {
  username: string;
  password: string;
  /** The client's address, for the per-address limit. */
  address: string;
  /** The known-device cookie's value, if the browser sent one (lib/auth/known-device.ts). */
  device?: string | null;
}

export type SignInFailureReason = 'password' | 'unknownUser' | 'delayed' | 'addressLimited' | 'inactive';

/**
 * One `auth.failed` audit entry: the username as typed (trimmed, at most 64 characters), the
 * client's address and why — never the password. The address is `ipAddress`: an `address` key is
 * a member's home address to the audit log, which writes only a mark for it.
 */
async function auditFailure(username: string, userId: string | null, address: string, reason: SignInFailureReason) {
  await db.$transaction((tx) =>
    writeAudit(tx, null, {
      action: 'auth.failed',
      entity: 'User',
      entityId: userId,
      after: { username: username.trim().slice(0, 64), ipAddress: address, reason },
    }),
  );
}

/**
 * Checks a username and password. Throws RATE_LIMITED while the address is refused
 * (`auth.locked`) or the username must wait (`auth.delayed`, unless from a known device),
 * UNAUTHENTICATED on a wrong or unknown username/password (the same message for both) and for a
 * deactivated account. Every failure leaves an `auth.failed` audit entry.
 */
export async function authenticate({ username, password, address, device }: SignInAttempt) {
  const name = username.trim().toLowerCase();
  const user = name ? await db.user.findUnique({ where: { username: name } }) : null;
  const userId = user?.id ?? null;

  try {
    await assertAddressOpen(address);
  } catch (error) {
    await auditFailure(username, userId, address, 'addressLimited');
    throw error;
  }
  const knownDevice = user ? await isKnownDevice(device, user.id) : false;
  if (!knownDevice) {
    try {
      await claimAccountAttempt(name);
    } catch (error) {
      await recordAddressFailure(address);
      await auditFailure(username, userId, address, 'delayed');
      throw error;
    }
  }

  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  // A hash made with older parameters is replaced by one with today's at a successful sign-in. It
  // is computed whatever the outcome, so a wrong password takes no less time than for an unknown user.
  const rehashed = user && needsRehash(user.passwordHash) ? await hashPassword(password) : null;
  if (!user || !valid) {
    await recordAccountFailure(name);
    const addressLocked = await recordAddressFailure(address);
    await auditFailure(username, userId, address, user ? 'password' : 'unknownUser');
    if (addressLocked) {
      await db.$transaction((tx) =>
        writeAudit(tx, null, { action: 'auth.locked', entity: 'User', entityId: userId, after: { username: name, ipAddress: address } }),
      );
    }
    throw new AppError('UNAUTHENTICATED', 'auth.invalid');
  }
  if (!user.active) {
    await auditFailure(username, userId, address, 'inactive');
    throw new AppError('UNAUTHENTICATED', 'auth.deactivated');
  }

  await clearFailures(name);
  await db.$transaction(async (tx) => {
    // Not a password change: passwordChangedAt stays, so the user's other sessions go on.
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date(), ...(rehashed && { passwordHash: rehashed }) } });
    await writeAudit(tx, { userId: user.id, username: user.username, requestId: null }, {
      action: 'auth.signIn',
      entity: 'User',
      entityId: user.id,
      after: { ipAddress: address, knownDevice, ...(rehashed && { passwordRehashed: true }) },
    });
  });
  return user;
}
