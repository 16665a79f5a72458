import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan, assertInstallationWide } from '@/lib/auth/actor';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';

export const AUDIT_PAGE_SIZE = 50;

const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' });

export const listAuditSchema = z.object({
  entity: z.string().trim().max(60).optional().catch(undefined),
  action: z.string().trim().max(60).optional().catch(undefined),
  actor: z.string().trim().max(60).optional().catch(undefined),
  entityId: z.string().trim().max(60).optional().catch(undefined),
  from: dateOnly.optional().catch(undefined),
  to: dateOnly.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** Vietnam is UTC+7 all year: a calendar day there starts at 17:00 UTC the day before. */
function startOfDayVn(date: string): Date {
  return new Date(`${date}T00:00:00+07:00`);
}

export async function listAudit(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'audit:read');
  // Audit rows are not tied to units, so only an administrator of the whole installation reads them.
  assertInstallationWide(actor);
  const f = parseInput(listAuditSchema, query);
  const where: Prisma.AuditLogWhereInput = {
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.action ? { action: { startsWith: f.action } } : {}),
    ...(f.actor ? { actorUsername: f.actor.toLowerCase() } : {}),
    ...(f.entityId ? { entityId: f.entityId } : {}),
    ...(f.from || f.to
      ? {
          at: {
            ...(f.from ? { gte: startOfDayVn(f.from) } : {}),
            ...(f.to ? { lt: new Date(startOfDayVn(f.to).getTime() + 86_400_000) } : {}),
          },
        }
      : {}),
  };
  const [total, entries] = await Promise.all([
    db.auditLog.count({ where }),
    db.auditLog.findMany({ where, orderBy: { id: 'desc' }, skip: (f.page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  return { total, page: f.page, pageSize: AUDIT_PAGE_SIZE, entries, filters: f };
}
