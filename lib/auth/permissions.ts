import type { Role } from '@/lib/db';

export const PERMISSIONS = [
  'org:read',
  'org:manage',
  'user:manage',
  'audit:read',
  'register:read', // groups and members
  'register:write',
  'import:run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one role → permission map. Scope (which org units) is separate: see ./scope.ts. */
export const ROLE_PERMISSIONS = {
  ADMIN: ['org:read', 'org:manage', 'user:manage', 'audit:read', 'register:read', 'register:write', 'import:run'],
  PROVINCE_OFFICER: ['org:read', 'org:manage', 'user:manage', 'register:read', 'register:write', 'import:run'],
  DISTRICT_LEADER: ['org:read', 'register:read'],
  COMMUNE_OFFICER: ['org:read', 'register:read', 'register:write', 'import:run'],
  BANK_LIAISON: ['org:read', 'register:read'],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
