import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { now as clockNow } from '@/lib/clock';

// Sign-in throttling (issue 22 §9), kept in the database so that every server instance sees the
// same counts:
// - per address: 10 failures from one address within 15 minutes refuse that address for 15
//   minutes — an attacker at one address is stopped, whichever usernames she tries;
// - per username: no lock an attacker elsewhere could aim at the real user. After 5 failures each
//   further attempt must wait a growing interval since the last one (30 s, 1, 2, 4, 8 minutes, then
//   15 at most), except from a known device (lib/auth/known-device.ts). A successful sign-in
//   clears it. For a username the row's `lockedUntil` is "no attempt before".
export const ADDRESS_MAX_FAILURES = 10;
export const ACCOUNT_FREE_FAILURES = 5;
export const LOCK_MINUTES = 15;
const LOCK_MS = LOCK_MINUTES * 60_000;
const FIRST_DELAY_MS = 30_000;
/** A username's count starts over a day after its first failure. */
const ACCOUNT_WINDOW_MS = 24 * 3_600_000;

export const addressKey = (address: string) => `ip:${address}`;
export const accountKey = (username: string) => `user:${username.trim().toLowerCase()}`;

/** How long a username waits after its `failures`-th failure: none before the 5th, then 30 s doubling, at most 15 minutes. */
export function accountDelayMs(failures: number): number {
  if (failures < ACCOUNT_FREE_FAILURES) return 0;
  return Math.min(LOCK_MS, FIRST_DELAY_MS * 2 ** (failures - ACCOUNT_FREE_FAILURES));
}

/** The wait as message parameters: whole seconds under a minute, whole minutes from one minute. */
export function waitParams(ms: number): { count: number; unit: 'seconds' | 'minutes' } {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return seconds < 60 ? { count: seconds, unit: 'seconds' } : { count: Math.ceil(seconds / 60), unit: 'minutes' };
}

/** Throws RATE_LIMITED `auth.locked` (with the minutes left) while the address is refused. */
export async function assertAddressOpen(address: string, now = clockNow()): Promise<void> {
  const row = await db.signInThrottle.findFirst({ where: { key: addressKey(address), lockedUntil: { gt: now } } });
  if (row?.lockedUntil) {
    const minutes = Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 60_000));
    throw new AppError('RATE_LIMITED', 'auth.locked', { minutes });
  }
}

/**
 * Takes the username's turn: throws RATE_LIMITED `auth.delayed` (with the wait) while it must
 * wait. Past its free failures, the turn is claimed atomically (the next one pushed out as if this
 * attempt failed), so concurrent attempts cannot all slip through during one password check.
 */
export async function claimAccountAttempt(username: string, now = clockNow()): Promise<void> {
  const key = accountKey(username);
  const row = await db.signInThrottle.findUnique({ where: { key } });
  if (!row || row.firstFailureAt.getTime() < now.getTime() - ACCOUNT_WINDOW_MS) return;
  const delayed = (until: Date) => new AppError('RATE_LIMITED', 'auth.delayed', waitParams(until.getTime() - now.getTime()));
  if (row.lockedUntil && row.lockedUntil > now) throw delayed(row.lockedUntil);
  if (row.failures < ACCOUNT_FREE_FAILURES) return;
  const next = new Date(now.getTime() + accountDelayMs(row.failures + 1));
  const { count } = await db.signInThrottle.updateMany({
    where: { key, OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] },
    data: { lockedUntil: next },
  });
  if (count === 0) throw delayed(next);
}

/**
 * Counts one failure from an address, atomically; returns true if this failure refused the
 * address. Failures older than the window start over.
 */
export async function recordAddressFailure(address: string, now = clockNow()): Promise<boolean> {
  const key = addressKey(address);
  const row = await countFailure(key, now, new Date(now.getTime() - LOCK_MS), true);
  if (row && row.failures >= ADDRESS_MAX_FAILURES && !row.lockedUntil) {
    await db.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + LOCK_MS), failures: 0 } });
    return true;
  }
  return false;
}

/** Counts one failure on a username, atomically, and sets when its next attempt may come. */
export async function recordAccountFailure(username: string, now = clockNow()): Promise<void> {
  const key = accountKey(username);
  const row = await countFailure(key, now, new Date(now.getTime() - ACCOUNT_WINDOW_MS), false);
  const delay = accountDelayMs(row?.failures ?? 0);
  if (delay > 0) await db.signInThrottle.update({ where: { key }, data: { lockedUntil: new Date(now.getTime() + delay) } });
}

/** One more failure on a key; an address's count also starts over once its refusal has passed. */
async function countFailure(key: string, now: Date, windowStart: Date, isAddress: boolean) {
  const rows = await db.$queryRaw<{ failures: number; lockedUntil: Date | null }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "firstFailureAt", "lockedUntil")
    VALUES (${key}, 1, ${now}, NULL)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart}
                        OR ("SignInThrottle"."lockedUntil" <= ${now} AND ${isAddress})
                        THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "firstFailureAt" = CASE WHEN "SignInThrottle"."firstFailureAt" < ${windowStart}
                        OR ("SignInThrottle"."lockedUntil" <= ${now} AND ${isAddress})
                        THEN ${now} ELSE "SignInThrottle"."firstFailureAt" END,
      "lockedUntil" = CASE WHEN "SignInThrottle"."lockedUntil" <= ${now} THEN NULL
                        ELSE "SignInThrottle"."lockedUntil" END
    RETURNING "failures", "lockedUntil"`;
  return rows[0];
}

/** A successful sign-in clears the username's count (not the address's: one good account must
 * not reset the limit for guessing others from the same address). */
export async function clearFailures(username: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(username) } });
}

/**
 * Removes counts that no longer refuse or count (their window and any wait have passed): they hold
 * usernames and addresses for nothing. Run nightly by the server (lib/jobs); returns how many.
 */
export async function removeExpiredThrottles(now = clockNow()): Promise<number> {
  const passed = { OR: [{ lockedUntil: null }, { lockedUntil: { lte: now } }] };
  const { count } = await db.signInThrottle.deleteMany({
    where: {
      OR: [
        { key: { startsWith: 'ip:' }, firstFailureAt: { lt: new Date(now.getTime() - LOCK_MS) }, ...passed },
        { key: { startsWith: 'user:' }, firstFailureAt: { lt: new Date(now.getTime() - ACCOUNT_WINDOW_MS) }, ...passed },
      ],
    },
  });
  return count;
}
