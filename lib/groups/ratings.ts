import type { Actor } from '@/lib/auth/actor';
import { BANK_GROUP_KINDS, seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type GroupGrade } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { areaUnits, findReportArea } from '@/lib/org/find-org-unit';
import { ratio4 } from '@/lib/money';
import { findGroupInScope, lockGroups } from './find-group';
import { rateGroupSchema, ratingDistributionSchema, type RateGroupInput, type RatingDistributionInput } from './schemas';

/**
 * Criteria of the yearly group rating (xếp loại tổ) and their maximum points (sum 100). The
 * union's guidance scores meetings, remittance, repayment quality, record keeping and savings;
 * the split is ours (docs/decisions/008-group-ratings.md).
 */
export const RATING_CRITERIA = [
  { code: 'MEETINGS', max: 20 },
  { code: 'REMITTANCE', max: 30 },
  { code: 'OVERDUE', max: 20 },
  { code: 'BOOKS', max: 15 },
  { code: 'SAVINGS', max: 15 },
] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number]['code'];
export const GROUP_GRADES = ['GOOD', 'FAIR', 'AVERAGE', 'WEAK'] as const;

/** Tốt ≥ 90, khá ≥ 70, trung bình ≥ 50, yếu below. */
export function gradeFor(total: number): GroupGrade {
  if (total >= 90) return 'GOOD';
  if (total >= 70) return 'FAIR';
  if (total >= 50) return 'AVERAGE';
  return 'WEAK';
}

/** Scores by criterion, each a whole number from 0 to its maximum; errors name the criterion's field. */
export function checkScores(scores: Record<string, unknown>): Record<RatingCriterion, number> {
  const checked = {} as Record<RatingCriterion, number>;
  const fields: Record<string, { key: string; params: Record<string, number> }> = {};
  for (const { code, max } of RATING_CRITERIA) {
    const raw = scores[code];
    const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      fields[`scores.${code}`] = { key: 'groups.rating.scoreRange', params: { max } };
    } else checked[code] = value;
  }
  if (Object.keys(fields).length) throw new AppError('VALIDATION', 'errors.validation', { count: Object.keys(fields).length }, fields);
  return checked;
}

/** Records (or replaces) a group's rating for a year, audited with the previous rating. */
export async function rateGroup(actor: Actor, groupId: string, input: RateGroupInput) {
  assertCan(actor, 'inspection:write');
  const data = parseInput(rateGroupSchema, input);
  const scores = checkScores(data.scores);
  const total = Object.values(scores).reduce((sum, points) => sum + points, 0);
  return db.$transaction(async (tx) => {
    const group = await findGroupInScope(actor, groupId, tx);
    await lockGroups(tx, [group.id]);
    if (group.status !== 'ACTIVE') throw new AppError('CONFLICT', 'groups.notActive', { code: group.code });
    const before = await tx.groupRating.findUnique({ where: { groupId_year: { groupId: group.id, year: data.year } } });
    const values = { grade: gradeFor(total), scores, total, notes: data.notes ?? null, ratedById: actor.userId };
    const after = before
      ? await tx.groupRating.update({ where: { id: before.id }, data: values })
      : await tx.groupRating.create({ data: { groupId: group.id, year: data.year, ...values } });
    await writeAudit(tx, auditActorOf(actor), { action: before ? 'group.rating.replace' : 'group.rating', entity: 'GroupRating', entityId: after.id, before, after });
    return after;
  });
}

/** A group's ratings, newest year first. */
export async function listGroupRatings(actor: Actor, groupId: string) {
  assertCan(actor, 'inspection:read');
  const group = await findGroupInScope(actor, groupId);
  return db.groupRating.findMany({ where: { groupId: group.id }, orderBy: { year: 'desc' } });
}

/** How the active groups of a unit's subtree (your unit when orgUnitId is left out) were rated in a year. */
export async function ratingDistribution(actor: Actor, input: RatingDistributionInput) {
  assertCan(actor, 'inspection:read');
  const { year, orgUnitId } = parseInput(ratingDistributionSchema, input);
  const { unit } = await findReportArea(actor, orgUnitId);
  const groupWhere = {
    orgUnit: areaUnits(actor, unit),
    status: 'ACTIVE' as const,
    ...(seesBankBusinessOnly(actor) ? { programmeKind: { in: [...BANK_GROUP_KINDS] } } : {}),
  };
  const [groups, rows] = await Promise.all([
    db.group.count({ where: groupWhere }),
    db.groupRating.groupBy({ by: ['grade'], where: { year, group: groupWhere }, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(GROUP_GRADES.map((g) => [g, rows.find((r) => r.grade === g)?._count._all ?? 0])) as Record<GroupGrade, number>;
  const rated = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    year,
    groups,
    rated,
    unrated: groups - rated,
    grades: GROUP_GRADES.map((grade) => ({ grade, groups: counts[grade], ratio: ratio4(counts[grade], rated) })),
  };
}
