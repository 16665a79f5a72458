import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope, scopeWhere } from '@/lib/auth/scope';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { createPlanSchema, type CreatePlanInput } from './schemas';

/**
 * A plan of the actor's unit for a period: the communes, groups and households (members) to check,
 * all inside the actor's subtree. Groups and households are filed under their commune.
 */
export async function createInspectionPlan(actor: Actor, input: CreatePlanInput) {
  assertCan(actor, 'inspection:write');
  const data = parseInput(createPlanSchema, input);
  return db.$transaction(async (tx) => {
    const targets = await resolveTargets(actor, tx, data);
    const plan = await tx.inspectionPlan.create({
      data: {
        orgUnitId: actor.orgUnitId, title: data.title, kind: data.kind, periodFrom: data.periodFrom, periodTo: data.periodTo,
        team: data.team, createdById: actor.userId,
        targets: { createMany: { data: targets } },
      },
      include: { targets: true },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'inspection.plan', entity: 'InspectionPlan', entityId: plan.id, after: plan });
    return plan;
  });
}

async function resolveTargets(actor: Actor, tx: Tx, data: { communeIds: string[]; groupIds: string[]; memberIds: string[] }) {
  const unique = (list: string[]) => [...new Set(list)];
  const communes = await tx.orgUnit.findMany({ where: { id: { in: unique(data.communeIds) }, level: 'COMMUNE', ...orgUnitScope(actor) } });
  const groups = await tx.group.findMany({ where: { id: { in: unique(data.groupIds) }, ...scopeWhere(actor) } });
  const members = await tx.member.findMany({ where: { id: { in: unique(data.memberIds) }, ...scopeWhere(actor) } });
  const missing = (field: string, wanted: string[], found: { id: string }[]) => {
    if (found.length !== unique(wanted).length) throw new AppError('VALIDATION', 'inspections.unknownTarget', {}, { [field]: { key: 'inspections.unknownTarget' } });
  };
  missing('communeIds', data.communeIds, communes);
  missing('groupIds', data.groupIds, groups);
  missing('memberIds', data.memberIds, members);
  return [
    ...communes.map((c) => ({ level: 'COMMUNE' as const, orgUnitId: c.id })),
    ...groups.map((g) => ({ level: 'GROUP' as const, orgUnitId: g.orgUnitId, groupId: g.id })),
    ...members.map((m) => ({ level: 'HOUSEHOLD' as const, orgUnitId: m.orgUnitId, memberId: m.id })),
  ];
}

/** Plans made in the actor's subtree (newest period first), with their targets and inspections done. */
export async function listInspectionPlans(actor: Actor) {
  assertCan(actor, 'inspection:read');
  return db.inspectionPlan.findMany({
    where: scopeWhere(actor),
    orderBy: [{ periodFrom: 'desc' }, { createdAt: 'desc' }],
    include: {
      orgUnit: { select: { name: true } },
      targets: true,
      inspections: { select: { id: true, level: true, orgUnitId: true, groupId: true, memberId: true } },
    },
    take: 100,
  });
}
