import type { Actor } from '@/lib/auth/actor';
import { isInstallationWide } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';

export const FAILED_SIGN_INS_SHOWN = 50;

export interface FailedSignIn {
  id: string;
  at: Date;
  username: string;
  address: string;
  reason: string;
}

/** Whether the actor may read failed sign-ins: an administrator of the whole installation. */
export function canReadFailedSignIns(actor: Actor): boolean {
  return actor.role === 'ADMIN' && isInstallationWide(actor);
}

/**
 * The last 50 failed sign-ins (`auth.failed` audit entries), newest first: when, the username as
 * typed, the address and why. Usernames and addresses belong to no unit, so only an administrator
 * of the whole installation reads them (FORBIDDEN otherwise).
 */
export async function listFailedSignIns(actor: Actor): Promise<FailedSignIn[]> {
  if (!canReadFailedSignIns(actor)) throw new AppError('FORBIDDEN', 'errors.forbidden');
  const rows = await db.auditLog.findMany({ where: { action: 'auth.failed' }, orderBy: { id: 'desc' }, take: FAILED_SIGN_INS_SHOWN });
  return rows.map((row) => {
    const after = (row.after ?? {}) as Record<string, unknown>;
    return { id: String(row.id), at: row.at, username: String(after.username ?? ''), address: String(after.ipAddress ?? ''), reason: String(after.reason ?? '') };
  });
}
