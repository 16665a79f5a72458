import { beforeAll, describe, expect, it } from 'vitest';
import { currentYear } from '@/lib/clock';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { makeGroup } from '@/tests/factories/registers';
import { failure } from '@/tests/factories/failure';
import type { Actor } from '@/lib/auth/actor';
import { db } from '@/lib/db';
import type { AppError } from '@/lib/errors';
import { gradeFor, listGroupRatings, rateGroup, ratingDistribution } from './index';

useTestDatabase();

let tree: Awaited<ReturnType<typeof createOrgTree>>;
let officer: Actor;
let leader: Actor;
const full = { MEETINGS: 20, REMITTANCE: 30, OVERDUE: 20, BOOKS: 15, SAVINGS: 15 };
beforeAll(async () => {
  tree = await createOrgTree();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
});

describe('group ratings', () => {
  it('grades by total points at the 90 / 70 / 50 thresholds', () => {
    expect([100, 90, 89, 70, 69, 50, 49, 0].map(gradeFor)).toEqual(['GOOD', 'GOOD', 'FAIR', 'FAIR', 'AVERAGE', 'AVERAGE', 'WEAK', 'WEAK']);
  });

  it('records the criteria scored, replaces the same year with an audit of the previous rating, and keeps the history', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const first = await rateGroup(officer, group.id, { year: '2025', scores: { ...full, REMITTANCE: '20', OVERDUE: '10' }, notes: 'Thu nộp chậm 2 kỳ' });
    expect(first).toMatchObject({ year: 2025, total: 80, grade: 'FAIR', notes: 'Thu nộp chậm 2 kỳ' });
    expect(first.scores).toEqual({ ...full, REMITTANCE: 20, OVERDUE: 10 });
    await rateGroup(officer, group.id, { year: 2024, scores: { ...full, BOOKS: 0, SAVINGS: 0, MEETINGS: 10 } });
    const replaced = await rateGroup(leader, group.id, { year: 2025, scores: full });
    expect(replaced).toMatchObject({ id: first.id, total: 100, grade: 'GOOD', notes: null, ratedById: leader.userId });
    const history = await listGroupRatings(officer, group.id);
    expect(history.map((r) => [r.year, r.grade, r.total])).toEqual([[2025, 'GOOD', 100], [2024, 'AVERAGE', 60]]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityId: first.id, action: 'group.rating.replace' } });
    expect(audit.before).toMatchObject({ total: 80, grade: 'FAIR' });
  });

  it('refuses a score outside 0..max naming each criterion at fault, and saves nothing', async () => {
    const group = await makeGroup(tree.communes[0]!);
    const error = await failure(rateGroup(officer, group.id, { year: 2025, scores: { ...full, REMITTANCE: 31, BOOKS: '-1', SAVINGS: '7.5', MEETINGS: '' } }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields.sort()).toEqual(['scores.BOOKS', 'scores.MEETINGS', 'scores.REMITTANCE', 'scores.SAVINGS']);
    const raw = await rateGroup(officer, group.id, { year: 2025, scores: { ...full, REMITTANCE: 31 } }).catch((e: AppError) => e);
    expect((raw as AppError).fields['scores.REMITTANCE']).toMatchObject({ key: 'groups.rating.scoreRange', params: { max: 30 } });
    const future = await failure(rateGroup(officer, group.id, { year: currentYear() + 1, scores: full }));
    expect(future.fields).toEqual(['year']);
    expect(await db.groupRating.count({ where: { groupId: group.id } })).toBe(0);
  });

  it('keeps ratings inside the rater\'s subtree; a bank liaison may read but not rate', async () => {
    const other = await makeGroup(tree.communes[2]!);
    expect((await failure(rateGroup(officer, other.id, { year: 2025, scores: full }))).code).toBe('NOT_FOUND');
    expect((await failure(listGroupRatings(leader, other.id))).code).toBe('NOT_FOUND');
    const liaison = await actorFor('BANK_LIAISON', tree.districts[1]!);
    expect((await failure(rateGroup(liaison, other.id, { year: 2025, scores: full }))).code).toBe('FORBIDDEN');
    expect(await listGroupRatings(liaison, other.id)).toEqual([]);
  });

  it('counts the distribution of a year over the active groups of a subtree', async () => {
    const commune = tree.communes[1]!;
    const groups = await Promise.all([1, 2, 3, 4].map((i) => makeGroup(commune, 'VBSP', `XL-${i}`)));
    const communeOfficer = await actorFor('COMMUNE_OFFICER', commune);
    await rateGroup(communeOfficer, groups[0]!.id, { year: 2023, scores: full });
    await rateGroup(communeOfficer, groups[1]!.id, { year: 2023, scores: full });
    await rateGroup(communeOfficer, groups[2]!.id, { year: 2023, scores: { ...full, REMITTANCE: 0, OVERDUE: 0, SAVINGS: 0 } });
    await rateGroup(communeOfficer, groups[3]!.id, { year: 2022, scores: full });
    const distribution = await ratingDistribution(communeOfficer, { year: '2023' });
    expect(distribution).toMatchObject({ year: 2023, groups: 4, rated: 3, unrated: 1 });
    expect(distribution.grades).toEqual([
      { grade: 'GOOD', groups: 2, ratio: 0.6667 },
      { grade: 'FAIR', groups: 0, ratio: 0 },
      { grade: 'AVERAGE', groups: 0, ratio: 0 },
      { grade: 'WEAK', groups: 1, ratio: 0.3333 },
    ]);
    const district = await ratingDistribution(leader, { year: 2023, orgUnitId: commune.id });
    expect(district).toMatchObject({ orgUnit: { id: commune.id }, rated: 3 });
    expect((await failure(ratingDistribution(communeOfficer, { year: 2023, orgUnitId: tree.districts[0]!.id }))).code).toBe('NOT_FOUND');
  });
});
