import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { savingsAccountWhere } from '@/lib/auth/business';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { optional, updatedSince, uuid } from '@/lib/groups/schemas';

// The savings accounts in scope, for integrators (GET /api/v1/savings/accounts): filtered by unit,
// group, member or scheme, changed since a time (opened, or a movement posted), a page at a time,
// each with its balance now (kept by the ledger's trigger).

export const SAVINGS_ACCOUNTS_PAGE_SIZE = 100;

export const listSavingsAccountsSchema = z.object({
  orgUnitId: optional(uuid),
  groupId: optional(uuid),
  memberId: optional(uuid),
  scheme: optional(z.string().trim().toUpperCase().max(20)),
  updatedSince,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function listSavingsAccounts(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'savings:read');
  const f = parseInput(listSavingsAccountsSchema, query);
  const where: Prisma.SavingsAccountWhereInput = {
    AND: [
      savingsAccountWhere(actor),
      {
        ...(f.orgUnitId ? { orgUnitId: f.orgUnitId } : {}),
        ...(f.groupId ? { member: { groupId: f.groupId } } : {}),
        ...(f.memberId ? { memberId: f.memberId } : {}),
        ...(f.scheme ? { scheme: { code: f.scheme } } : {}),
        ...(f.updatedSince ? { OR: [{ createdAt: { gte: f.updatedSince } }, { transactions: { some: { postedAt: { gte: f.updatedSince } } } }] } : {}),
      },
    ],
  };
  const [total, accounts] = await Promise.all([
    db.savingsAccount.count({ where }),
    db.savingsAccount.findMany({
      where,
      orderBy: [{ openedAt: 'asc' }, { id: 'asc' }],
      skip: (f.page - 1) * SAVINGS_ACCOUNTS_PAGE_SIZE,
      take: SAVINGS_ACCOUNTS_PAGE_SIZE,
      select: {
        id: true, openedAt: true, orgUnitId: true, createdAt: true,
        scheme: { select: { code: true, name: true, kind: true } },
        member: { select: { id: true, code: true, fullName: true, groupId: true } },
      },
    }),
  ]);
  const kept = await db.savingsBalance.findMany({ where: { accountId: { in: accounts.map((a) => a.id) } } });
  const balances = new Map(kept.map((b) => [b.accountId, b.balance]));
  return {
    total, page: f.page, pageSize: SAVINGS_ACCOUNTS_PAGE_SIZE,
    accounts: accounts.map((a) => ({ ...a, balance: balances.get(a.id) ?? 0n })),
  };
}
