import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan, assertInstallationWide } from '@/lib/auth/actor';
import { vietnamDateOf } from '@/lib/calendar/date-only';
import { db, type Prisma } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { findMemberInScope } from '@/lib/members/find-member';

export const ACCESS_PAGE_SIZE = 50;
const dateOnly = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const listAccessSchema = z.object({
  memberId: z.string().uuid().optional().catch(undefined),
  from: dateOnly.optional().catch(undefined),
  to: dateOnly.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const startOfDayVn = (date: string) => new Date(`${date}T00:00:00+07:00`);

/**
 * Who read or exported members' personal data, newest first: for one member (in the admin's scope;
 * her page reads, API records, subject access exports and every export that covered her) or, for
 * an installation-wide administrator, everyone's. The period is this year unless given.
 */
export async function listPersonalDataAccess(actor: Actor, query: Record<string, unknown>) {
  assertCan(actor, 'audit:read');
  const f = parseInput(listAccessSchema, query);
  const member = f.memberId ? await findMemberInScope(actor, f.memberId) : null;
  if (!member) assertInstallationWide(actor);
  // A read's time is the machine's (a technical timestamp, lib/clock), so "this year" is the machine's
  // year too: with the application's clock pinned elsewhere, the app's year would miss every read.
  const from = f.from ?? (f.to ? undefined : `${vietnamDateOf(new Date()).toISOString().slice(0, 4)}-01-01`);
  const where: Prisma.PersonalDataAccessWhereInput = {
    ...(member ? { OR: [{ memberId: member.id }, { memberIds: { has: member.id } }] } : {}),
    at: { ...(from ? { gte: startOfDayVn(from) } : {}), ...(f.to ? { lt: new Date(startOfDayVn(f.to).getTime() + 86_400_000) } : {}) },
  };
  const [total, entries] = await Promise.all([
    db.personalDataAccess.count({ where }),
    db.personalDataAccess.findMany({
      where, orderBy: { id: 'desc' }, skip: (f.page - 1) * ACCESS_PAGE_SIZE, take: ACCESS_PAGE_SIZE, omit: { memberIds: true },
    }),
  ]);
  const ids = [...new Set(entries.flatMap((e) => [e.orgUnitId, e.memberId]).filter((id): id is string => id !== null))];
  const [units, members] = await Promise.all([
    db.orgUnit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    db.member.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } }),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const memberName = new Map(members.map((m) => [m.id, m.fullName]));
  return {
    member: member ? { id: member.id, fullName: member.fullName } : null,
    filters: { ...f, from },
    total,
    page: f.page,
    pageSize: ACCESS_PAGE_SIZE,
    entries: entries.map((e) => ({
      ...e, unitName: e.orgUnitId ? (unitName.get(e.orgUnitId) ?? null) : null, memberName: e.memberId ? (memberName.get(e.memberId) ?? null) : null,
    })),
  };
}
