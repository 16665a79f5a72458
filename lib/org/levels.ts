import type { OrgLevel, Role } from '@/lib/db';

/** The level a unit's parent must have: province → district → commune/ward → chapter (chi hội). */
export const PARENT_LEVEL: Record<OrgLevel, OrgLevel | null> = {
  PROVINCE: null,
  DISTRICT: 'PROVINCE',
  COMMUNE: 'DISTRICT',
  CHAPTER: 'COMMUNE',
};

export const CHILD_LEVEL: Record<OrgLevel, OrgLevel | null> = {
  PROVINCE: 'DISTRICT',
  DISTRICT: 'COMMUNE',
  COMMUNE: 'CHAPTER',
  CHAPTER: null,
};

/** Which unit levels each role may be attached to. */
export const ROLE_LEVELS: Record<Role, readonly OrgLevel[]> = {
  ADMIN: ['PROVINCE', 'DISTRICT'],
  PROVINCE_OFFICER: ['PROVINCE'],
  DISTRICT_LEADER: ['DISTRICT'],
  COMMUNE_OFFICER: ['COMMUNE'],
  BANK_LIAISON: ['PROVINCE', 'DISTRICT', 'COMMUNE'],
};

/** Ids on a materialised path, root first: "/a/b/c/" → ["a", "b", "c"]. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
