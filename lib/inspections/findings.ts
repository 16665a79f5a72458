import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit, writeAuditMany } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { isChecklistItem } from './checklist';
import { closeFollowUpSchema, findingsSchema, type FindingsInput } from './schemas';

/**
 * Adds checklist findings to an inspection in one transaction. A failed item must come with its
 * follow-up (action, owner, due date); an item may be recorded once per inspection. A household
 * inspection of a loan may flag the loan for recall (shown on the loan).
 */
export async function addFindings(actor: Actor, inspectionId: string, input: FindingsInput) {
  assertCan(actor, 'inspection:write');
  const data = parseInput(findingsSchema, input);
  return db.$transaction(async (tx) => {
    const inspection = isUuid(inspectionId)
      ? await tx.inspection.findFirst({ where: { id: inspectionId, ...scopeWhere(actor) }, include: { findings: true } })
      : null;
    if (!inspection) throw notFound();
    const recorded = new Set(inspection.findings.map((f) => f.item));
    for (const [index, item] of data.items.entries()) {
      const field = (name: string, key: string) => new AppError('VALIDATION', key, { row: index + 1 }, { [`items.${index}.${name}`]: { key, params: { row: index + 1 } } });
      if (!isChecklistItem(inspection.level, item.item)) throw field('item', 'inspections.unknownItem');
      if (recorded.has(item.item)) throw field('item', 'inspections.itemRecorded');
      if (!item.passed && !item.followUp) throw field('followUp', 'inspections.followUpRequired');
      recorded.add(item.item);
    }
    const findings = [];
    for (const item of data.items) {
      findings.push(
        await tx.inspectionFinding.create({
          data: {
            inspectionId, item: item.item, passed: item.passed, notes: item.notes,
            ...(!item.passed && item.followUp ? { followUp: { create: { ...item.followUp, orgUnitId: inspection.orgUnitId } } } : {}),
          },
          include: { followUp: true },
        }),
      );
    }
    await writeAuditMany(tx, auditActorOf(actor), findings.map((f) => ({ action: 'inspection.finding', entity: 'InspectionFinding', entityId: f.id, after: f })));
    if (data.recallReason) {
      if (!inspection.loanId) throw new AppError('VALIDATION', 'inspections.noLoanToFlag', {}, { recallReason: { key: 'inspections.noLoanToFlag' } });
      const before = await tx.loan.findUniqueOrThrow({ where: { id: inspection.loanId } });
      const after = await tx.loan.update({ where: { id: inspection.loanId }, data: { recallFlaggedAt: new Date(), recallReason: data.recallReason } });
      await writeAudit(tx, auditActorOf(actor), { action: 'loan.recallFlag', entity: 'Loan', entityId: after.id, before: { recallFlaggedAt: before.recallFlaggedAt, recallReason: before.recallReason }, after: { recallFlaggedAt: after.recallFlaggedAt, recallReason: after.recallReason, inspectionId } });
    }
    return findings;
  });
}

/** Follow-ups in scope: open ones first by due date, then the recently closed. */
export async function listFollowUps(actor: Actor, { status }: { status?: 'OPEN' | 'CLOSED' } = {}) {
  assertCan(actor, 'inspection:read');
  return db.followUp.findMany({
    where: { ...scopeWhere(actor), ...(status ? { status } : {}) },
    orderBy: [{ status: 'asc' }, { dueDate: 'asc' }],
    include: {
      orgUnit: { select: { name: true } },
      finding: { select: { item: true, notes: true, inspection: { select: { id: true, level: true, date: true } } } },
    },
    take: 200,
  });
}

/** Closes a follow-up with what was done; closing twice is refused. */
export async function closeFollowUp(actor: Actor, id: string, input: { note: string }) {
  assertCan(actor, 'inspection:write');
  const data = parseInput(closeFollowUpSchema, input);
  return db.$transaction(async (tx) => {
    const before = isUuid(id) ? await tx.followUp.findFirst({ where: { id, ...scopeWhere(actor) } }) : null;
    if (!before) throw notFound();
    if (before.status === 'CLOSED') throw new AppError('CONFLICT', 'inspections.alreadyClosed');
    const after = await tx.followUp.update({ where: { id }, data: { status: 'CLOSED', closedAt: new Date(), closedById: actor.userId, closeNote: data.note } });
    await writeAudit(tx, auditActorOf(actor), { action: 'inspection.followUpClose', entity: 'FollowUp', entityId: id, before, after });
    return after;
  });
}
