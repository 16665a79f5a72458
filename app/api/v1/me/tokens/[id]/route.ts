// DELETE /api/v1/me/tokens/:id — revokes the token (yours, or of a user you manage) at once.
import { apiRoute, json } from '@/lib/api/route';
import { revokeApiToken } from '@/lib/users';

export const DELETE = apiRoute<{ id: string }>(async ({ actor, params }) => json(await revokeApiToken(actor, params.id)));
