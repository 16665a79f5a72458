import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, notFound } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { findUserInScope } from './find-user';

// A user's API tokens: listed (never the token itself, which only its hash keeps) with expiry and
// last use, revocable by the user or by whoever manages that user (user:manage over their unit).

const FIELDS = { id: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true } as const;

async function tokenOwner(actor: Actor, userId: string) {
  if (userId === actor.userId) return userId;
  if (!actorCan(actor, 'user:manage')) throw notFound();
  return (await findUserInScope(actor, userId)).id;
}

/** Tokens of the actor (or of a user the actor manages), newest first, with their state. */
export async function listApiTokens(actor: Actor, userId = actor.userId) {
  const owner = await tokenOwner(actor, userId);
  const now = new Date();
  const tokens = await db.apiToken.findMany({ where: { userId: owner }, select: FIELDS, orderBy: { createdAt: 'desc' }, take: 100 });
  return tokens.map((t) => ({ ...t, state: t.revokedAt ? ('REVOKED' as const) : t.expiresAt <= now ? ('EXPIRED' as const) : ('ACTIVE' as const) }));
}

/** Revokes a token at once (its next call answers 401); audited. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  const token = isUuid(tokenId) ? await db.apiToken.findUnique({ where: { id: tokenId } }) : null;
  if (!token) throw notFound();
  await tokenOwner(actor, token.userId);
  if (token.revokedAt) throw new AppError('CONFLICT', 'users.tokenRevoked');
  return db.$transaction(async (tx) => {
    const after = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() }, select: FIELDS });
    await writeAudit(tx, auditActorOf(actor), { action: 'apiToken.revoke', entity: 'ApiToken', entityId: token.id, before: { revokedAt: null, userId: token.userId }, after });
    return after;
  });
}
