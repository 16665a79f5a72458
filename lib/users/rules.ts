import type { Actor } from '@/lib/auth/actor';
import type { OrgUnit, Role, Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { findOrgUnitInScope } from '@/lib/org/find-org-unit';
import { ROLE_LEVELS } from '@/lib/org/levels';

/** Only an administrator may grant or change the administrator role. */
export function assertMayAssignRole(actor: Actor, role: Role) {
  if (role === 'ADMIN' && actor.role !== 'ADMIN') {
    throw new AppError('FORBIDDEN', 'users.adminOnly', {}, { role: { key: 'users.adminOnly' } });
  }
}

/** The unit must be in scope, active, and of a level the role is meant for. */
export async function resolveUnitForRole(actor: Actor, tx: Tx, orgUnitId: string, role: Role): Promise<OrgUnit> {
  const unit = await findOrgUnitInScope(actor, orgUnitId, tx);
  if (!unit.active) throw new AppError('CONFLICT', 'org.parentInactive', {}, { orgUnitId: { key: 'users.unitInactive' } });
  if (!ROLE_LEVELS[role].includes(unit.level)) {
    throw new AppError('VALIDATION', 'users.roleLevel', {}, { orgUnitId: { key: 'users.roleLevel' } });
  }
  return unit;
}
