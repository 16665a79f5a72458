import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { groupWhere, loanWhere } from '@/lib/auth/business';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { listGroupsSchema } from './schemas';
import { needsConsolidation } from './size-rules';

export const GROUPS_PAGE_SIZE = 50;

/** Active member counts of the given groups. */
export async function activeMemberCounts(groupIds: string[]): Promise<Map<string, number>> {
  if (groupIds.length === 0) return new Map();
  const rows = await db.member.groupBy({ by: ['groupId'], where: { groupId: { in: groupIds }, status: 'ACTIVE' }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.groupId!, r._count._all]));
}

/**
 * Groups in scope, with active member counts and the "to consolidate" flag, filtered, sorted and
 * paginated on the server. A commune has tens of groups and a province a few thousand, so the
 * flag is computed over the filtered set before paginating.
 */
export async function listGroups(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'register:read');
  const f = parseInput(listGroupsSchema, query);
  const where: Prisma.GroupWhereInput = {
    ...groupWhere(actor),
    ...(f.orgUnitId ? { orgUnitId: f.orgUnitId } : {}),
    ...(f.chapterId ? { chapterId: f.chapterId } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.programmeKind ? { programmeKind: f.programmeKind } : {}),
    ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}),
    ...(f.q ? { OR: [{ code: { contains: f.q, mode: 'insensitive' } }, { name: { contains: f.q, mode: 'insensitive' } }] } : {}),
  };
  const groups = await db.group.findMany({
    where,
    include: {
      orgUnit: { select: { id: true, code: true, name: true } },
      chapter: { select: { id: true, name: true } },
      leader: { select: { id: true, fullName: true } },
    },
  });
  const [counts, outstanding] = await Promise.all([activeMemberCounts(groups.map((g) => g.id)), outstandingByGroup(actor, groups.map((g) => g.id))]);
  let rows = groups.map((g) => {
    const memberCount = counts.get(g.id) ?? 0;
    const { loans, amount } = outstanding.get(g.id) ?? { loans: 0, amount: 0n };
    return { ...g, memberCount, openLoans: loans, outstanding: amount, toConsolidate: g.status === 'ACTIVE' && needsConsolidation(g.programmeKind, memberCount) };
  });
  if (f.toConsolidate === '1') rows = rows.filter((g) => g.toConsolidate);
  const collator = new Intl.Collator('vi', { numeric: true });
  const sign = f.dir === 'desc' ? -1 : 1;
  const sort = f.sort ?? 'code';
  rows.sort((a, b) =>
    sign * (sort === 'members' ? a.memberCount - b.memberCount : collator.compare(a[sort], b[sort])) || collator.compare(a.code, b.code),
  );
  const start = (f.page - 1) * GROUPS_PAGE_SIZE;
  return { total: rows.length, page: f.page, pageSize: GROUPS_PAGE_SIZE, groups: rows.slice(start, start + GROUPS_PAGE_SIZE), filters: f };
}

/** Open loans and their outstanding principal (as of each loan's last refresh) per group, of the loans the reader sees. */
async function outstandingByGroup(actor: Actor, groupIds: string[]): Promise<Map<string, { loans: number; amount: bigint }>> {
  const rows = await db.loan.groupBy({
    by: ['groupId'],
    where: { ...loanWhere(actor), groupId: { in: groupIds }, status: { in: ['DISBURSED', 'FROZEN'] } },
    _count: { _all: true },
    _sum: { cachedOutstanding: true },
  });
  return new Map(rows.map((r) => [r.groupId, { loans: r._count._all, amount: r._sum.cachedOutstanding ?? 0n }]));
}

/** Every active group in scope (optionally of one commune), for choosing one in a form. */
export async function listActiveGroupChoices(actor: Actor, orgUnitId?: string) {
  assertCan(actor, 'register:read');
  return db.group.findMany({
    where: { ...scopeWhere(actor), status: 'ACTIVE', ...(orgUnitId ? { orgUnitId } : {}) },
    select: { id: true, code: true, name: true, orgUnitId: true, orgUnit: { select: { name: true } } },
    orderBy: [{ orgUnitId: 'asc' }, { code: 'asc' }],
  });
}
