import type { OrgLevel, Role } from '@/lib/db';

// The levels of the union's tree, and where each may sit. Since 1 July 2025 local government is
// two-tier: a commune sits directly under its province; before, under a district (which stays in
// the tree as history, ended on 30/06/2025). Provinces sit under the central unit (Trung ương
// Hội), or at the top of an installation that has none.

/** The levels a unit's children may have, the usual one first. */
export const CHILD_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  CENTRAL: ['PROVINCE'],
  PROVINCE: ['COMMUNE', 'DISTRICT'],
  DISTRICT: ['COMMUNE'],
  COMMUNE: ['CHAPTER'],
  CHAPTER: [],
};

/** The levels a unit's parent may have (none: it may be a root). */
export const PARENT_LEVELS: Record<OrgLevel, readonly OrgLevel[]> = {
  CENTRAL: [],
  PROVINCE: ['CENTRAL'],
  DISTRICT: ['PROVINCE'],
  COMMUNE: ['PROVINCE', 'DISTRICT'],
  CHAPTER: ['COMMUNE'],
};

/** Levels that may be a root of the tree: the central unit, or a province installed on its own. */
export const ROOT_LEVELS: readonly OrgLevel[] = ['CENTRAL', 'PROVINCE'];

/** Top-down order, for sorting and imports (parents before children). */
export const LEVEL_DEPTH: Record<OrgLevel, number> = { CENTRAL: 0, PROVINCE: 1, DISTRICT: 2, COMMUNE: 3, CHAPTER: 4 };

export const mayBeChildOf = (level: OrgLevel, parentLevel: OrgLevel | null) =>
  parentLevel === null ? ROOT_LEVELS.includes(level) : CHILD_LEVELS[parentLevel].includes(level);

/**
 * Which unit levels each role may be attached to. Roles say what a person does, not a level:
 * a leader (DISTRICT_LEADER, "Lãnh đạo Hội") leads any unit above the communes — a district before
 * 2025, a province now, or the central union.
 */
export const ROLE_LEVELS: Record<Role, readonly OrgLevel[]> = {
  ADMIN: ['CENTRAL', 'PROVINCE', 'DISTRICT'],
  PROVINCE_OFFICER: ['PROVINCE'],
  DISTRICT_LEADER: ['CENTRAL', 'PROVINCE', 'DISTRICT'],
  COMMUNE_OFFICER: ['COMMUNE'],
  BANK_LIAISON: ['PROVINCE', 'DISTRICT', 'COMMUNE'],
};

/** Ids on a materialised path, root first: "/a/b/c/" → ["a", "b", "c"]. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}
