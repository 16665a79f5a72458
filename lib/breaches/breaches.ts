import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { vietnamDateOf } from '@/lib/calendar/date-only';
import { now } from '@/lib/clock';
import { db, type DataBreach } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { findOrgUnitInScope, isUuid } from '@/lib/org/find-org-unit';
import { AUTHORITY_NOTICE_HOURS, breachNoticeSchema, closeBreachSchema, recordBreachSchema } from './schemas';

// The breach register (issue 24 §5): an administrator records a personal data breach when it is
// detected, and then when the authority and the people affected were told; the register shows how
// long is left of the 72 hours the law gives to tell the authority, and which breaches are past it.
// The register is the administrators' (permission audit:read), within their unit's subtree.

const VIETNAM_OFFSET_HOURS = 7;

/** The instant of a Vietnam date (UTC midnight, as dates are kept) at "HH:mm" Vietnam time. */
function vietnamInstant(day: Date, time: string): Date {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hours - VIETNAM_OFFSET_HOURS, minutes));
}

export type AuthorityNotice = 'ON_TIME' | 'LATE' | 'DUE' | 'OVERDUE';

/** The breach with its deadline and where it stands against it, on the application's clock. */
export function withDeadline<T extends DataBreach>(breach: T, at: Date = now()) {
  const deadline = new Date(breach.detectedAt.getTime() + AUTHORITY_NOTICE_HOURS * 3600_000);
  // A notice is kept by its day: on time when given on or before the deadline's day in Vietnam.
  const deadlineDay = vietnamDateOf(deadline);
  const authority: AuthorityNotice = breach.authorityNotifiedOn
    ? breach.authorityNotifiedOn <= deadlineDay ? 'ON_TIME' : 'LATE'
    : at <= deadline ? 'DUE' : 'OVERDUE';
  const hoursLeft = authority === 'DUE' ? Math.max(0, Math.floor((deadline.getTime() - at.getTime()) / 3600_000)) : null;
  return { ...breach, deadline, authority, hoursLeft };
}

export async function recordBreach(actor: Actor, input: unknown) {
  assertCan(actor, 'audit:read');
  const data = parseInput(recordBreachSchema, input);
  const unit = await findOrgUnitInScope(actor, data.orgUnitId ?? actor.orgUnitId);
  const detectedAt = vietnamInstant(data.detectedOn, data.detectedTime);
  if (detectedAt > now()) {
    throw new AppError('VALIDATION', 'errors.validation', { count: 1 }, { detectedTime: { key: 'breaches.detectedInFuture' } });
  }
  if (data.occurredOn && data.occurredOn > data.detectedOn) {
    throw new AppError('VALIDATION', 'errors.validation', { count: 1 }, { occurredOn: { key: 'breaches.occurredAfterDetected' } });
  }
  return db.$transaction(async (tx) => {
    const breach = await tx.dataBreach.create({
      data: {
        orgUnitId: unit.id, title: data.title, description: data.description, detectedAt, occurredOn: data.occurredOn ?? null,
        dataCategories: data.dataCategories, peopleAffected: data.peopleAffected, measures: data.measures ?? null, recordedById: actor.userId,
      },
    });
    // The entry names the breach and its figures; what happened is in the register, not repeated here.
    const after = { unit: unit.code, detectedAt, dataCategories: breach.dataCategories, peopleAffected: breach.peopleAffected };
    await writeAudit(tx, auditActorOf(actor), { action: 'breach.record', entity: 'DataBreach', entityId: breach.id, after });
    return withDeadline(breach);
  });
}

export async function listBreaches(actor: Actor) {
  assertCan(actor, 'audit:read');
  const rows = await db.dataBreach.findMany({
    where: scopeWhere(actor), orderBy: [{ detectedAt: 'desc' }], take: 500,
    include: { orgUnit: { select: { code: true, name: true } } },
  });
  const at = now();
  return rows.map((row) => withDeadline(row, at));
}

async function findBreachInScope(actor: Actor, id: string) {
  const breach = isUuid(id) ? await db.dataBreach.findFirst({ where: { id, ...scopeWhere(actor) } }) : null;
  if (!breach) throw notFound();
  return breach;
}

/** The day the authority or the people affected were told (once each; not before detection). */
export async function recordBreachNotice(actor: Actor, id: string, input: unknown) {
  assertCan(actor, 'audit:read');
  const data = parseInput(breachNoticeSchema, input);
  const breach = await findBreachInScope(actor, id);
  const field = data.to === 'AUTHORITY' ? 'authorityNotifiedOn' : 'peopleNotifiedOn';
  if (breach[field]) throw new AppError('CONFLICT', 'breaches.alreadyNotified');
  if (data.date.getTime() + 24 * 3600_000 <= breach.detectedAt.getTime()) {
    throw new AppError('VALIDATION', 'errors.validation', { count: 1 }, { date: { key: 'breaches.noticeBeforeDetection' } });
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.dataBreach.update({ where: { id: breach.id }, data: { [field]: data.date } });
    await writeAudit(tx, auditActorOf(actor), { action: 'breach.notice', entity: 'DataBreach', entityId: breach.id, after: { to: data.to, date: data.date } });
    return withDeadline(updated);
  });
}

export async function closeBreach(actor: Actor, id: string, input: unknown) {
  assertCan(actor, 'audit:read');
  const data = parseInput(closeBreachSchema, input);
  const breach = await findBreachInScope(actor, id);
  if (breach.closedOn) throw new AppError('CONFLICT', 'breaches.alreadyClosed');
  if (!breach.authorityNotifiedOn) throw new AppError('CONFLICT', 'breaches.closeBeforeNotice');
  return db.$transaction(async (tx) => {
    const updated = await tx.dataBreach.update({ where: { id: breach.id }, data: { closedOn: data.date } });
    await writeAudit(tx, auditActorOf(actor), { action: 'breach.close', entity: 'DataBreach', entityId: breach.id, after: { date: data.date } });
    return withDeadline(updated);
  });
}
