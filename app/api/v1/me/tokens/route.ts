// GET /api/v1/me/tokens[?userId=] — your API tokens (or a user's you manage): {id, createdAt, expiresAt,
// lastUsedAt, revokedAt, state: ACTIVE|EXPIRED|REVOKED}; the token itself is never shown again.
import { apiRoute, json } from '@/lib/api/route';
import { listApiTokens } from '@/lib/users';

export const GET = apiRoute(async ({ actor, request }) => json(await listApiTokens(actor, new URL(request.url).searchParams.get('userId') || undefined)));
