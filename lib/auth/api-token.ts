import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { writeAudit } from '@/lib/audit';
import type { Actor } from './actor';
import { loadActor } from './load-actor';

export const API_TOKEN_PREFIX = 'hlv_';

export function apiTokenTtlHours(): number {
  const hours = Number(process.env.API_TOKEN_TTL_HOURS ?? 12);
  return Number.isFinite(hours) && hours > 0 ? hours : 12;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a bearer token for /api/v1; only its hash is stored, the token is shown once. */
export async function issueApiToken(userId: string, username: string, requestId: string | null) {
  const token = API_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + apiTokenTtlHours() * 3_600_000);
  await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId, tokenHash: hashToken(token), expiresAt } });
    await writeAudit(tx, { userId, username, requestId }, {
      action: 'apiToken.issue',
      entity: 'ApiToken',
      entityId: row.id,
      after: { expiresAt },
    });
  });
  return { token, expiresAt };
}

/** The actor behind a bearer token, or null if it is unknown, expired, revoked or its user inactive. */
export async function actorFromApiToken(token: string, requestId: string): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const now = new Date();
  if (!row || row.revokedAt || row.expiresAt <= now) return null;
  // Write last use at most once a minute: a busy integration must not write on every call.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return loadActor(row.userId, { requestId, issuedAt: row.createdAt });
}
