import type { OrgLevel, Role } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { pathIds } from '@/lib/org/levels';
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
  /**
   * A bank liaison attached to a transaction office (phòng giao dịch): the paths of its communes,
   * the only part of her unit's subtree she sees. Null for everyone else (the whole subtree).
   */
  scopePaths?: string[] | null;
  /** The office's name, shown as her reports' area. */
  bankOfficeName?: string | null;
  /**
   * The units a reorganisation ended into the actor's unit or below it, outside her subtree (the old
   * provinces a province took in, an old commune's predecessors): their history is hers to read.
   */
  historyPaths?: string[];
  requestId: string;
}

/** Whether the actor's unit is the root of the tree (the central unit, or a province installed alone). */
export function isInstallationWide(actor: Pick<Actor, 'orgUnitPath'>): boolean {
  return pathIds(actor.orgUnitPath).length === 1;
}

/**
 * Throws FORBIDDEN unless the actor is at the root of the tree: for what belongs to the whole
 * installation rather than to a unit (the audit log, the scheduled jobs).
 */
export function assertInstallationWide(actor: Actor): void {
  if (!isInstallationWide(actor)) throw new AppError('FORBIDDEN', 'errors.forbidden');
}

/**
 * What the central unit may do: read every province, and (its administrators) manage units, users
 * and the installation. It never records loans, savings, inspections or fund movements.
 */
const CENTRAL_PERMISSIONS: readonly Permission[] = [
  'org:read', 'org:manage', 'org:reorganise', 'user:manage', 'audit:read', 'jobs:read', 'jobs:run', 'register:read', 'loan:read', 'savings:read',
  'inspection:read', 'fees:read', 'fund:read', 'programme:manage', 'import:run',
];

/** Whether the actor may do it: the role grants it, and the central unit only reads. */
export function actorCan(actor: Pick<Actor, 'role' | 'orgUnitLevel'>, permission: Permission): boolean {
  return can(actor.role, permission) && (actor.orgUnitLevel !== 'CENTRAL' || CENTRAL_PERMISSIONS.includes(permission));
}

/** Throws FORBIDDEN unless the actor may do it (see actorCan). */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!actorCan(actor, permission)) throw new AppError('FORBIDDEN', 'errors.forbidden');
}
