import type { OrgLevel, Role } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { can, type Permission } from './permissions';

/** Who is acting: the signed-in user, their unit (scope root) and the request being served. */
export interface Actor {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  orgUnitId: string;
  orgUnitPath: string;
  orgUnitName: string;
  orgUnitLevel: OrgLevel;
  requestId: string;
}

/**
 * Throws FORBIDDEN unless the actor is at a province-level unit, the root of the tree: for what
 * belongs to the whole installation rather than to a unit (the audit log, the scheduled jobs).
 */
export function assertInstallationWide(actor: Actor): void {
  if (actor.orgUnitLevel !== 'PROVINCE') throw new AppError('FORBIDDEN', 'errors.forbidden');
}

/** Throws FORBIDDEN unless the actor's role grants the permission. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new AppError('FORBIDDEN', 'errors.forbidden');
}
