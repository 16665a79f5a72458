import type { Role } from '@/lib/db';

export const PERMISSIONS = ['org:read', 'org:manage', 'user:manage', 'audit:read'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one role → permission map. Scope (which org units) is separate: see ./scope.ts. */
export const ROLE_PERMISSIONS = {
  ADMIN: ['org:read', 'org:manage', 'user:manage', 'audit:read'],
  PROVINCE_OFFICER: ['org:read', 'org:manage', 'user:manage'],
  DISTRICT_LEADER: ['org:read'],
  COMMUNE_OFFICER: ['org:read'],
  BANK_LIAISON: ['org:read'],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
