import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

// Sign-in rate limit: 5 failures for a username, or from an address, lock that key for 15
// minutes. Kept in the database so that every server instance sees the same counts.
export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;

export const throttleKeys = (username: string, address: string) => [
  `user:${username.toLowerCase()}`,
  `ip:${address}`,
];

/** Throws RATE_LIMITED (with the minutes left) if any key is locked. */
export async function assertNotLocked(keys: string[], now = new Date()): Promise<void> {
  const locked = await db.signInThrottle.findFirst({
    where: { key: { in: keys }, lockedUntil: { gt: now } },
    orderBy: { lockedUntil: 'desc' },
  });
  if (locked?.lockedUntil) {
    const minutes = Math.max(1, Math.ceil((locked.lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new AppError('RATE_LIMITED', 'auth.locked', { minutes });
  }
}

/**
 * Counts one failure on each key, atomically (concurrent attempts cannot slip past the limit);
 * returns true if this failure locked a key. Failures older than the lock window start over.
 */
export async function recordFailure(keys: string[], now = new Date()): Promise<boolean> {
  const windowStart = new Date(now.getTime() - LOCK_MS);
  const lockUntil = new Date(now.getTime() + LOCK_MS);
  let lockedNow = false;
  for (const key of keys) {
    const rows = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "firstFailureAt", "lockedUntil")
      VALUES (${key}, 1, ${now}, NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart}
                          OR "SignInThrottle"."lockedUntil" <= ${now}
                          THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart}
                          OR "SignInThrottle"."lockedUntil" <= ${now}
                          THEN ${now} ELSE "SignInThrottle"."firstFailureAt" END,
        "lockedUntil" = CASE WHEN "SignInThrottle"."lockedUntil" <= ${now} THEN NULL
                          ELSE "SignInThrottle"."lockedUntil" END
      RETURNING "failures", "lockedUntil"`;
    const row = rows[0];
    if (row && row.failures >= MAX_FAILURES && !row.lockedUntil) {
      await db.signInThrottle.update({ where: { key }, data: { lockedUntil: lockUntil, failures: 0 } });
      lockedNow = true;
    }
  }
  return lockedNow;
}

/** A successful sign-in clears the username's count (not the address's: one good account must
 * not reset the limit for guessing others from the same address). */
export async function clearFailures(username: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: `user:${username.toLowerCase()}` } });
}

/**
 * Removes counts that no longer lock or count (their window and any lock have passed): they hold
 * usernames and addresses for nothing. Run nightly by the server (lib/jobs); returns how many.
 */
export async function removeExpiredThrottles(now = new Date()): Promise<number> {
  const { count } = await db.signInThrottle.deleteMany({
    where: { firstFailureAt: { lt: new Date(now.getTime() - LOCK_MS) }, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
  });
  return count;
}
