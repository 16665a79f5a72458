import 'server-only';
import { randomUUID } from 'node:crypto';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { AppError } from '@/lib/errors';
import type { Actor } from './actor';
import { actorFromApiToken } from './api-token';
import { loadActor } from './load-actor';
import { authOptions, signedInTooLongAgo } from './next-auth';

type SessionWithUser = { userId?: string; issuedAt?: number } | null;

export function requestIdFrom(source: Headers): string {
  const given = source.get('x-request-id');
  return given && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
}

async function actorFromSession(requestId: string): Promise<Actor | null> {
  const session = (await getServerSession(authOptions)) as SessionWithUser;
  if (!session?.userId || signedInTooLongAgo(session.issuedAt)) return null;
  const issuedAt = session.issuedAt ? new Date(session.issuedAt * 1000) : undefined;
  return loadActor(session.userId, { issuedAt, requestId });
}

/** The signed-in actor, or null (no session, or one that no longer passes the checks). */
export async function currentActor(): Promise<Actor | null> {
  return actorFromSession(requestIdFrom(await headers()));
}

/** For pages and server actions: the signed-in actor, or a redirect to the sign-in page. */
export async function requireActor(): Promise<Actor> {
  const actor = await actorFromSession(requestIdFrom(await headers()));
  if (!actor) redirect('/login');
  return actor;
}

/** For /api/v1 route handlers: a bearer token or the browser session; UNAUTHENTICATED otherwise. */
export async function actorFromRequest(request: Request): Promise<Actor> {
  const requestId = requestIdFrom(request.headers);
  const authorization = request.headers.get('authorization');
  const actor = authorization?.startsWith('Bearer ')
    ? await actorFromApiToken(authorization.slice('Bearer '.length).trim(), requestId)
    : await actorFromSession(requestId);
  if (!actor) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
  return actor;
}
