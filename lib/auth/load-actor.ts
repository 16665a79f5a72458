import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import type { Actor } from './actor';

/**
 * The actor for a user id from a session or token. Returns null when the user no longer exists,
 * was deactivated, or changed password after `issuedAt` (so those sessions stop at once).
 */
export async function loadActor(
  userId: string,
  { issuedAt, requestId }: { issuedAt?: Date; requestId?: string } = {},
): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { orgUnit: true, bankOffice: { select: { name: true, communes: { select: { orgUnit: { select: { path: true } } } } } } },
  });
  if (!user || !user.active) return null;
  if (issuedAt && user.passwordChangedAt.getTime() > issuedAt.getTime() + 999) return null;
  return {
    userId: user.id,
    username: user.username,
    fullName: user.fullName,
    role: user.role,
    orgUnitId: user.orgUnitId,
    orgUnitPath: user.orgUnit.path,
    orgUnitName: user.orgUnit.name,
    orgUnitLevel: user.orgUnit.level,
    scopePaths: user.bankOffice ? user.bankOffice.communes.map((c) => c.orgUnit.path) : null,
    bankOfficeName: user.bankOffice?.name ?? null,
    requestId: requestId ?? randomUUID(),
  };
}
