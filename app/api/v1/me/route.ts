// GET /api/v1/me — the signed-in user, role, permissions and org unit.
import { apiRoute, json } from '@/lib/api/route';
import { ROLE_PERMISSIONS } from '@/lib/auth/permissions';

export const GET = apiRoute(async ({ actor }) =>
  json({
    user: { id: actor.userId, username: actor.username, fullName: actor.fullName },
    role: actor.role,
    permissions: ROLE_PERMISSIONS[actor.role],
    orgUnit: { id: actor.orgUnitId, name: actor.orgUnitName, level: actor.orgUnitLevel, path: actor.orgUnitPath },
  }),
);
