import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { listUsersSchema } from './schemas';

export const USERS_PAGE_SIZE = 50;

export async function listUsers(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'user:manage');
  const filters = parseInput(listUsersSchema, query);
  const where: Prisma.UserWhereInput = {
    ...scopeWhere(actor),
    ...(filters.role ? { role: filters.role } : {}),
    ...(filters.active ? { active: filters.active === 'true' } : {}),
    ...(filters.q
      ? {
          OR: [
            { username: { contains: filters.q, mode: 'insensitive' } },
            { fullName: { contains: filters.q, mode: 'insensitive' } },
          ],
        }
      : {}),
  };
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ active: 'desc' }, { username: 'asc' }],
      skip: (filters.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      omit: { passwordHash: true },
      include: { orgUnit: { select: { id: true, code: true, name: true, level: true } } },
    }),
  ]);
  return { total, page: filters.page, pageSize: USERS_PAGE_SIZE, users };
}
