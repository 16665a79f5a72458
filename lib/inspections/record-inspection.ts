import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { findGroupInScope } from '@/lib/groups/find-group';
import { findMemberInScope } from '@/lib/members/find-member';
import { findOrgUnitInScope, isUuid } from '@/lib/org/find-org-unit';
import { recordInspectionSchema, type RecordInspectionInput } from './schemas';

const required = (field: string) => new AppError('VALIDATION', 'validation.required', { field }, { [field]: { key: 'validation.required', params: { field } } });

/**
 * Records an inspection carried out (biên bản): of a commune union, a group or a household, in
 * the actor's subtree, optionally under a plan visible to the actor. Findings follow.
 */
export async function recordInspection(actor: Actor, input: RecordInspectionInput) {
  assertCan(actor, 'inspection:write');
  const data = parseInput(recordInspectionSchema, input);
  return db.$transaction(async (tx) => {
    const subject = await resolveSubject(actor, tx, data);
    if (data.planId && !(await tx.inspectionPlan.findFirst({ where: { id: data.planId, ...scopeWhere(actor) } }))) throw notFound();
    const inspection = await tx.inspection.create({
      data: {
        planId: data.planId, level: data.level, kind: data.kind, date: data.date, inspectors: data.inspectors, summary: data.summary,
        createdById: actor.userId, ...subject,
      },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'inspection.record', entity: 'Inspection', entityId: inspection.id, after: inspection });
    return inspection;
  });
}

async function resolveSubject(actor: Actor, tx: Tx, data: { level: string; orgUnitId?: string; groupId?: string; memberId?: string; loanId?: string }) {
  if (data.level === 'COMMUNE') {
    if (!data.orgUnitId) throw required('orgUnitId');
    const unit = await findOrgUnitInScope(actor, data.orgUnitId, tx);
    if (unit.level !== 'COMMUNE') throw new AppError('VALIDATION', 'registers.notACommune', {}, { orgUnitId: { key: 'registers.notACommune' } });
    return { orgUnitId: unit.id };
  }
  if (data.level === 'GROUP') {
    if (!data.groupId) throw required('groupId');
    const group = await findGroupInScope(actor, data.groupId, tx);
    return { orgUnitId: group.orgUnitId, groupId: group.id };
  }
  // A household is named by the member, or by the loan inspected.
  const loan = !data.memberId && data.loanId ? await tx.loan.findFirst({ where: { id: data.loanId, ...scopeWhere(actor) } }) : null;
  const memberId = data.memberId ?? loan?.memberId;
  if (!memberId) throw required('memberId');
  const member = await findMemberInScope(actor, memberId, tx);
  if (data.loanId && !(await tx.loan.findFirst({ where: { id: data.loanId, memberId: member.id } }))) {
    throw new AppError('VALIDATION', 'inspections.loanNotOfMember', {}, { loanId: { key: 'inspections.loanNotOfMember' } });
  }
  return { orgUnitId: member.orgUnitId, groupId: member.groupId, memberId: member.id, loanId: data.loanId };
}

/** Inspections in scope, newest first, with counts of failed findings and open follow-ups. */
export async function listInspections(actor: Actor, { level, from, to }: { level?: string; from?: Date; to?: Date } = {}) {
  assertCan(actor, 'inspection:read');
  return db.inspection.findMany({
    where: { ...scopeWhere(actor), ...(level ? { level: level as never } : {}), date: { gte: from, lte: to } },
    orderBy: [{ date: 'desc' }, { createdAt: 'desc' }],
    include: { orgUnit: { select: { name: true } }, findings: { select: { passed: true, followUp: { select: { status: true } } } } },
    take: 200,
  });
}

/** One inspection with its findings, follow-ups, attachments (without their bytes) and subject. */
export async function getInspection(actor: Actor, id: string) {
  assertCan(actor, 'inspection:read');
  const inspection = isUuid(id)
    ? await db.inspection.findFirst({
        where: { id, ...scopeWhere(actor) },
        include: {
          orgUnit: { select: { id: true, name: true } },
          plan: { select: { id: true, title: true } },
          loan: { select: { id: true, number: true, recallFlaggedAt: true, recallReason: true } },
          findings: { include: { followUp: true }, orderBy: { createdAt: 'asc' } },
          attachments: { select: { id: true, fileName: true, mimeType: true, size: true, createdAt: true }, orderBy: { createdAt: 'asc' } },
        },
      })
    : null;
  if (!inspection) throw notFound();
  const [group, member] = await Promise.all([
    inspection.groupId ? db.group.findUnique({ where: { id: inspection.groupId }, select: { id: true, code: true, name: true } }) : null,
    inspection.memberId ? db.member.findUnique({ where: { id: inspection.memberId }, select: { id: true, code: true, fullName: true } }) : null,
  ]);
  return { ...inspection, group, member };
}
