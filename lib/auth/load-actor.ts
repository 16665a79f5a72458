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
  const historyPaths = await predecessorPaths(user.orgUnit.path);
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
    historyPaths,
    requestId: requestId ?? randomUUID(),
  };
}

/**
 * The subtrees a reorganisation ended into this path (its successors inside it), outside it:
 * followed back through every event, the outermost only.
 */
async function predecessorPaths(path: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ path: string }[]>`
    WITH RECURSIVE pred AS (
      SELECT x."id", x."path" FROM "OrgUnit" x JOIN "OrgUnit" s ON s."id" = x."successorId"
      WHERE x."successorId" IS NOT NULL AND starts_with(s."path", ${path}) AND NOT starts_with(x."path", ${path})
      UNION
      SELECT x."id", x."path" FROM "OrgUnit" x JOIN pred p ON x."successorId" = p."id"
    )
    SELECT DISTINCT "path" FROM pred ORDER BY "path"`;
  const outermost: string[] = [];
  for (const { path: p } of rows) if (!outermost.some((o) => p.startsWith(o)) && !p.startsWith(path)) outermost.push(p);
  return outermost;
}
