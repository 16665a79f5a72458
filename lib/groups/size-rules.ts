import type { ProgrammeKind } from '@/lib/db';

/**
 * Group size rules per programme kind. VBSP groups (tổ TK&VV) have 5–60 members; revolving-fund
 * groups (nhóm TK-TD) under 10 members are to be merged or grown (seed 001), because group officer
 * allowances depend on size. Adding beyond `max` is refused; below `consolidateBelow` is flagged.
 */
export const GROUP_SIZE_RULES: Record<ProgrammeKind, { max: number; consolidateBelow: number }> = {
  VBSP: { max: 60, consolidateBelow: 5 },
  REVOLVING: { max: 60, consolidateBelow: 10 },
  BOTH: { max: 60, consolidateBelow: 10 },
};

export function needsConsolidation(kind: ProgrammeKind, activeMembers: number): boolean {
  return activeMembers < GROUP_SIZE_RULES[kind].consolidateBelow;
}
