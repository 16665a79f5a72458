import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { memberWhere } from '@/lib/auth/business';
import { orgUnitScope } from '@/lib/auth/scope';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { foldVietnamese } from '@/lib/imports/normalize';
import { consentStates } from './consent';
import { maskPersonalData } from './pii';
import { listMembersSchema } from './schemas';

export const MEMBERS_PAGE_SIZE = 50;
/** A search counts its matches up to this many; past it the list says "more than 1,000" (decision 032). */
export const SEARCH_COUNT_CAP = 1000;

/** A search box query that looks up CCCD or phone: digits. */
const isNumberQuery = (q: string) => /^\d{3,}$/.test(q.replace(/[\s.+-]/g, ''));

/**
 * A search box query: digits look up CCCD or phone, words look up the name without accents — in
 * the members found by `nameMatches` when given (a small area's own names), else by the name index.
 */
export function memberSearchWhere(q: string, nameMatches?: string[] | null): Prisma.MemberWhereInput {
  const digits = q.replace(/[\s.+-]/g, '');
  if (isNumberQuery(q)) {
    return { OR: [{ nationalId: { startsWith: digits } }, { phone: { contains: digits.replace(/^84/, '0') } }, { code: { contains: q.toUpperCase() } }] };
  }
  const name = nameMatches ? { id: { in: nameMatches } } : { searchName: { contains: foldVietnamese(q) } };
  // A member code has no spaces: a query of several words looks up the name alone, which its trigram index serves
  // (an OR with the code, which no index of the country's members serves, made PostgreSQL read every member).
  return /\s/.test(q.trim()) ? name : { OR: [name, { code: { startsWith: q.trim().toUpperCase() } }] };
}

/** Up to this many communes (a province), a name search reads the area's own names (decision 033). */
const FEW_COMMUNES = 300;
const NAME_MATCHES_CAP = 5000;

/**
 * The members of these communes whose name contains the query, read from the (commune, name) index:
 * a province's 65,000 names in 20 ms, where the trigram index reads the whole country's entries for
 * "ngu", "thi"… (90 ms). Null for a larger area, or past the cap (the trigram index then serves).
 */
async function nameMatchesIn(communeIds: string[], q: string): Promise<string[] | null> {
  if (communeIds.length > FEW_COMMUNES || isNumberQuery(q)) return null;
  const pattern = `%${foldVietnamese(q).replace(/[\\%_]/g, '\\$&')}%`;
  // `|| ''` keeps the trigram index out of this plan.
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Member" WHERE "orgUnitId" = ANY(${communeIds}::uuid[]) AND ("searchName" || '') LIKE ${pattern} LIMIT ${NAME_MATCHES_CAP + 1}`;
  return rows.length > NAME_MATCHES_CAP ? null : rows.map((r) => r.id);
}

const ORDER: Record<string, keyof Prisma.MemberOrderByWithRelationInput> = {
  name: 'sortKey',
  code: 'code',
  joinedAt: 'joinedAt',
  birthYear: 'birthYear',
};

/** What a members list shows (pages and API): no search or sort keys, the CCCD once (masked per role). */
const MEMBER_ROW = {
  id: true, code: true, fullName: true, gender: true, birthYear: true, nationalId: true, phone: true, address: true, householdCategory: true,
  isUnionMember: true, status: true, joinedAt: true, leftAt: true, orgUnitId: true, groupId: true, chapterId: true, createdAt: true, updatedAt: true,
  group: { select: { id: true, code: true, name: true } }, orgUnit: { select: { id: true, name: true } },
} satisfies Prisma.MemberSelect;

export async function listMembers(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'register:read');
  const f = parseInput(listMembersSchema, query);
  // The communes of her subtree, read first: a list the planner sees, so a province's search reads
  // its own members by the (commune, name) index, not the country's.
  const communes = f.orgUnitId ? null : await db.orgUnit.findMany({ where: { AND: [orgUnitScope(actor), { level: 'COMMUNE' }] }, select: { id: true } });
  const communeIds = f.orgUnitId ? [f.orgUnitId] : communes!.map((c) => c.id);
  const where: Prisma.MemberWhereInput = {
    ...memberWhere(actor),
    orgUnitId: f.orgUnitId ?? { in: communeIds },
    ...(f.groupId ? { groupId: f.groupId } : {}),
    ...(f.chapterId ? { chapterId: f.chapterId } : {}),
    ...(f.householdCategory ? { householdCategory: f.householdCategory } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}),
    ...(f.q ? memberSearchWhere(f.q, await nameMatchesIn(communeIds, f.q)) : {}),
  };
  const direction = f.dir ?? 'asc';
  const sortField = ORDER[f.sort ?? 'name']!;
  // A search counts up to the cap: "nguyen thi hoa" across the country matches 19,632 members, each a page read to count.
  // (The first matches in no order: a count with `take` would sort all of them by id first.)
  const [counted, members] = await Promise.all([
    f.q ? db.member.findMany({ where, select: { id: true }, take: SEARCH_COUNT_CAP + 1 }).then((ids) => ids.length) : db.member.count({ where }),
    db.member.findMany({
      where,
      // sortKey is never null: a plain direction lets PostgreSQL read the (orgUnitId, sortKey) index either way.
      orderBy: [sortField === 'sortKey' ? { sortKey: direction } : { [sortField]: { sort: direction, nulls: 'last' } }, { id: 'asc' }],
      skip: (f.page - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
      select: MEMBER_ROW,
    }),
  ]);
  const totalCapped = Boolean(f.q) && counted > SEARCH_COUNT_CAP;
  // Her consent per purpose now (decision 024): GIVEN, WITHDRAWN or null (never recorded).
  const states = await consentStates(db, members.map((m) => m.id));
  const rows = members.map((m) => {
    const { LENDING_SAVINGS, BANK_SHARING } = states.get(m.id)!;
    return { ...maskPersonalData(actor, m), consent: { LENDING_SAVINGS: LENDING_SAVINGS?.action ?? null, BANK_SHARING: BANK_SHARING?.action ?? null } };
  });
  // More than the cap: `total` is the cap and `totalCapped` says there are more.
  return { total: totalCapped ? SEARCH_COUNT_CAP : counted, totalCapped, page: f.page, pageSize: MEMBERS_PAGE_SIZE, members: rows, filters: f };
}
