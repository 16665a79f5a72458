import type { Role } from '@/lib/db';

export const PERMISSIONS = [
  'org:read',
  'org:manage',
  'org:reorganise', // apply a reorganisation (merge, end, rename units) from its effective date
  'user:manage',
  'audit:read',
  'jobs:read', // the jobs the server runs itself (/jobs): schedules, runs, failures
  'jobs:run', // run such a job now, outside its schedule
  'register:read', // groups and members
  'register:write',
  'import:run',
  'programme:manage',
  'loan:read',
  'loan:apply', // applications, appraisals, disbursements and repayments
  'loan:approve',
  'loan:risk', // extensions, freezes, write-offs, reversals
  'savings:read',
  'savings:post', // open accounts, deposits, withdrawals
  'inspection:read',
  'inspection:write', // plans, inspection records, findings, follow-ups, group ratings
  'fees:read', // entrustment fee and commission statements, rates and shares
  'fund:read', // the union's revolving fund: balances, allowances, allocations, settlements (not the bank's business)
  'fees:compute', // compute (or recompute) a month's fee statements in scope
  'fund:request', // a commune's request to settle its revolving fund
  'fund:manage', // fee rates, shares, allowance rules, capital allocations, settlement decisions
  'reconcile:run', // upload the bank's monthly list of a commune and mark the month reconciled
  'report:reference', // the bank's portfolio figure of an area, the denominator of the union's share
  'pii:nationalId', // full national ID (CCCD) in lists and exports; others see it masked
  'pii:phone', // full phone number in lists; others see it masked
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** The one role → permission map. Scope (which org units) is separate: see ./scope.ts. */
export const ROLE_PERMISSIONS = {
  ADMIN: [
    'org:read', 'org:manage', 'org:reorganise', 'user:manage', 'audit:read', 'register:read', 'register:write', 'import:run',
    'programme:manage', 'loan:read', 'loan:apply', 'loan:approve', 'loan:risk', 'savings:read', 'savings:post',
    'inspection:read', 'inspection:write', 'fees:read', 'fees:compute', 'fund:read', 'fund:request', 'fund:manage', 'report:reference',
    'reconcile:run', 'pii:nationalId', 'pii:phone', 'jobs:read', 'jobs:run',
  ],
  PROVINCE_OFFICER: [
    'org:read', 'org:manage', 'user:manage', 'register:read', 'register:write', 'import:run',
    'programme:manage', 'loan:read', 'loan:apply', 'loan:approve', 'loan:risk', 'savings:read', 'savings:post',
    'inspection:read', 'inspection:write', 'fees:read', 'fees:compute', 'fund:read', 'fund:request', 'fund:manage', 'report:reference',
    'reconcile:run', 'pii:nationalId', 'pii:phone',
  ],
  DISTRICT_LEADER: [
    'org:read', 'register:read', 'loan:read', 'loan:approve', 'loan:risk', 'savings:read', 'inspection:read', 'inspection:write', 'fees:read', 'fund:read',
    'report:reference',
  ],
  COMMUNE_OFFICER: [
    'org:read', 'register:read', 'register:write', 'import:run', 'loan:read', 'loan:apply', 'savings:read', 'savings:post',
    'inspection:read', 'inspection:write', 'fees:read', 'fees:compute', 'fund:read', 'fund:request', 'reconcile:run', 'pii:nationalId', 'pii:phone',
  ],
  BANK_LIAISON: ['org:read', 'register:read', 'loan:read', 'savings:read', 'inspection:read', 'fees:read', 'report:reference', 'reconcile:run', 'pii:nationalId'],
} as const satisfies Record<Role, readonly Permission[]>;

export const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly Permission[]).includes(permission);
}
