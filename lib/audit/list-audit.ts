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
  const subjects = await subjectsOf(entries);
  return { total, page: f.page, pageSize: AUDIT_PAGE_SIZE, entries: entries.map((e) => ({ ...e, subject: subjects.get(`${e.entity}:${e.entityId}`) ?? null })), filters: f };
}

/** What an entry is about, by its name or number and a link to its page: a loan, member, group, unit or user. */
export interface AuditSubject {
  label: string;
  href: string | null;
}

async function subjectsOf(entries: { entity: string; entityId: string | null; after: unknown }[]): Promise<Map<string, AuditSubject>> {
  const ids = (entity: string) => [...new Set(entries.filter((e) => e.entity === entity && e.entityId).map((e) => e.entityId!))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  const [loans, members, groups, units, users, postings, statements] = await Promise.all([
    db.loan.findMany({ where: { id: { in: ids('Loan') } }, select: { id: true, number: true } }),
    db.member.findMany({ where: { id: { in: ids('Member') } }, select: { id: true, fullName: true, code: true } }),
    db.group.findMany({ where: { id: { in: ids('Group') } }, select: { id: true, code: true, name: true } }),
    db.orgUnit.findMany({ where: { id: { in: ids('OrgUnit') } }, select: { id: true, code: true, name: true } }),
    db.user.findMany({ where: { id: { in: ids('User') } }, select: { id: true, username: true } }),
    db.loanTransaction.findMany({ where: { id: { in: ids('LoanTransaction') } }, select: { id: true, loan: { select: { id: true, number: true } } } }),
    db.bankStatement.findMany({ where: { id: { in: ids('BankStatement') } }, select: { id: true, month: true, orgUnit: { select: { name: true } } } }),
  ]);
  const subjects = new Map<string, AuditSubject>();
  for (const l of loans) subjects.set(`Loan:${l.id}`, { label: l.number, href: `/loans/${l.id}` });
  for (const m of members) subjects.set(`Member:${m.id}`, { label: m.code ? `${m.fullName} (${m.code})` : m.fullName, href: `/members/${m.id}` });
  for (const g of groups) subjects.set(`Group:${g.id}`, { label: `${g.code} · ${g.name}`, href: `/groups/${g.id}` });
  for (const u of units) subjects.set(`OrgUnit:${u.id}`, { label: `${u.name} (${u.code})`, href: `/org-units/${u.id}` });
  for (const u of users) subjects.set(`User:${u.id}`, { label: u.username, href: `/users/${u.id}` });
  for (const p of postings) subjects.set(`LoanTransaction:${p.id}`, { label: p.loan.number, href: `/loans/${p.loan.id}` });
  for (const s of statements) subjects.set(`BankStatement:${s.id}`, { label: `${s.orgUnit.name} ${s.month.slice(5)}/${s.month.slice(0, 4)}`, href: `/reconciliation/${s.id}` });
  return subjects;
}
