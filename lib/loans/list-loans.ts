import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { loanWhere } from '@/lib/auth/business';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { foldVietnamese } from '@/lib/imports/normalize';
import { listLoansSchema } from './schemas';

export const LOANS_PAGE_SIZE = 50;

/** What a loan list shows besides the loan: borrower, group, programme. */
const LIST_INCLUDE = {
  member: { select: { id: true, fullName: true } },
  group: { select: { code: true } },
  programme: { select: { code: true, name: true } },
} as const;

const BUCKETS: Record<string, Prisma.IntFilter> = {
  any: { gt: 0 },
  '1-90': { gte: 1, lte: 90 },
  '91-180': { gte: 91, lte: 180 },
  '181-360': { gte: 181, lte: 360 },
  '>360': { gt: 360 },
};

/**
 * Loans in scope with their cached figures (rewritten at every posting and each night by the
 * server's job): `figuresAsOf` is the oldest day they were computed for among the open loans listed.
 */
export async function listLoans(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'loan:read');
  const f = parseInput(listLoansSchema, query);
  const where: Prisma.LoanWhereInput = {
    ...loanWhere(actor),
    ...(f.status ? { status: f.status } : {}),
    ...(f.programmeId ? { programmeId: f.programmeId } : {}),
    ...(f.groupId ? { groupId: f.groupId } : {}),
    ...(f.memberId ? { memberId: f.memberId } : {}),
    ...(f.round ? { round: f.round } : {}),
    ...(f.overdue ? { cachedDaysPastDue: BUCKETS[f.overdue] } : {}),
    ...(f.updatedSince ? { updatedAt: { gte: f.updatedSince } } : {}),
    ...(f.q ? { OR: [{ number: { contains: f.q.toUpperCase() } }, { member: { searchName: { contains: foldVietnamese(f.q) } } }] } : {}),
  };
  const [total, loans] = await Promise.all([
    db.loan.count({ where }),
    db.loan.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (f.page - 1) * LOANS_PAGE_SIZE,
      take: LOANS_PAGE_SIZE,
      include: LIST_INCLUDE,
    }),
  ]);
  const open = loans.filter((l) => l.status === 'DISBURSED' || l.status === 'FROZEN');
  const figuresAsOf = open.reduce<Date | null>((oldest, l) => (l.cachedAsOf && (!oldest || l.cachedAsOf < oldest) ? l.cachedAsOf : oldest), null);
  return { total, page: f.page, pageSize: LOANS_PAGE_SIZE, loans, filters: f, figuresAsOf };
}

/** Applications awaiting appraisal or approval, oldest first, without the actor's own (four eyes). */
export async function listPendingLoans(actor: Actor, page = 1) {
  assertCan(actor, 'loan:approve');
  const where: Prisma.LoanWhereInput = { ...scopeWhere(actor), status: { in: ['APPLIED', 'APPRAISED'] }, NOT: { appliedById: actor.userId } };
  const [total, loans] = await Promise.all([
    db.loan.count({ where }),
    db.loan.findMany({
      where,
      orderBy: [{ appliedAt: 'asc' }, { number: 'asc' }],
      skip: (page - 1) * LOANS_PAGE_SIZE,
      take: LOANS_PAGE_SIZE,
      include: LIST_INCLUDE,
    }),
  ]);
  return { total, page, pageSize: LOANS_PAGE_SIZE, loans };
}
