import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { orgUnitScope, scopeWhere } from '@/lib/auth/scope';
import { db } from '@/lib/db';

/** Choices for the plan and record forms: communes, groups, open loans (households) and plans in scope. */
export async function inspectionFormOptions(actor: Actor) {
  assertCan(actor, 'inspection:write');
  const [communes, groups, loans, plans] = await Promise.all([
    db.orgUnit.findMany({ where: { level: 'COMMUNE', active: true, ...orgUnitScope(actor) }, orderBy: [{ sortKey: 'asc' }, { code: 'asc' }], select: { id: true, name: true } }),
    db.group.findMany({ where: { status: 'ACTIVE', ...scopeWhere(actor) }, orderBy: [{ orgUnit: { sortKey: 'asc' } }, { code: 'asc' }], select: { id: true, code: true, name: true, orgUnit: { select: { name: true } } }, take: 1000 }),
    db.loan.findMany({
      where: { status: { in: ['DISBURSED', 'FROZEN'] }, ...scopeWhere(actor) },
      orderBy: [{ orgUnit: { sortKey: 'asc' } }, { number: 'asc' }],
      select: { id: true, number: true, memberId: true, member: { select: { fullName: true, code: true } }, orgUnit: { select: { name: true } } },
      take: 1000,
    }),
    db.inspectionPlan.findMany({ where: scopeWhere(actor), orderBy: { periodFrom: 'desc' }, select: { id: true, title: true }, take: 50 }),
  ]);
  return { communes, groups, loans, plans };
}
