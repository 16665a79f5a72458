import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db, type InspectionLevel, type Tx } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { areaUnits, findReportArea } from '@/lib/org/find-org-unit';
import { ratio4 } from '@/lib/money';
import { periodSchema, type PeriodInput } from './schemas';

interface Target {
  level: InspectionLevel;
  orgUnitId: string;
  groupId: string | null;
  memberId: string | null;
}

/** What a target names at its level: the commune, the group or the household. */
export const targetKey = (t: Target) => `${t.level}:${t.level === 'COMMUNE' ? t.orgUnitId : t.level === 'GROUP' ? t.groupId : t.memberId}`;

export interface LevelCoverage {
  planned: number;
  /** Planned targets inspected in the period. */
  done: number;
  /** Every distinct target inspected in the period, planned or not (surprise checks). */
  inspected: number;
}

/** Planned vs done per level, from targets and the inspections carried out. */
export function coverageOf(targets: Target[], inspections: Target[]): Record<InspectionLevel, LevelCoverage> {
  const planned = new Set(targets.map(targetKey));
  const inspected = new Set(inspections.map(targetKey));
  const count = (level: InspectionLevel, set: Set<string>) => [...set].filter((k) => k.startsWith(`${level}:`)).length;
  const result = {} as Record<InspectionLevel, LevelCoverage>;
  for (const level of ['COMMUNE', 'GROUP', 'HOUSEHOLD'] as const) {
    result[level] = { planned: count(level, planned), done: [...planned].filter((k) => k.startsWith(`${level}:`) && inspected.has(k)).length, inspected: count(level, inspected) };
  }
  return result;
}

/**
 * Inspection coverage of a unit's subtree in a period: targets of the plans overlapping it, and
 * what was inspected in it (seed 000 reports "8/8 phường, 65 tổ, 25 hộ"). The inspections page reads
 * it on the primary (it follows the inspection just recorded); the dashboard on its replica reads.
 */
export async function inspectionCoverage(actor: Actor, input: PeriodInput, tx: Tx = db) {
  assertCan(actor, 'inspection:read');
  const { orgUnitId, from, to } = parseInput(periodSchema, input);
  const { unit } = await findReportArea(actor, orgUnitId, tx);
  const inSubtree = { orgUnit: areaUnits(actor, unit) };
  const [targets, inspections, plans] = await Promise.all([
    tx.inspectionTarget.findMany({ where: { ...inSubtree, plan: { periodFrom: { lte: to }, periodTo: { gte: from } } } }),
    tx.inspection.findMany({ where: { ...inSubtree, date: { gte: from, lte: to } }, select: { level: true, orgUnitId: true, groupId: true, memberId: true } }),
    tx.inspectionPlan.count({ where: { ...inSubtree, periodFrom: { lte: to }, periodTo: { gte: from } } }),
  ]);
  const levels = coverageOf(targets, inspections);
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    from, to, plans, inspections: inspections.length,
    levels,
    ratio: ratio4(levels.COMMUNE.done + levels.GROUP.done + levels.HOUSEHOLD.done, levels.COMMUNE.planned + levels.GROUP.planned + levels.HOUSEHOLD.planned),
  };
}

/**
 * Appraisal before disbursement: of the loans disbursed in the period in a unit's subtree, the
 * share appraised on or before the disbursement day, by commune and for round-2+ loans, with the
 * list of exceptions.
 */
export async function appraisalCoverage(actor: Actor, input: PeriodInput) {
  assertCan(actor, 'inspection:read');
  const { orgUnitId, from, to } = parseInput(periodSchema, input);
  const { unit } = await findReportArea(actor, orgUnitId);
  const loans = await db.loan.findMany({
    where: { orgUnit: areaUnits(actor, unit), disbursedAt: { gte: from, lte: to } },
    select: {
      id: true, number: true, round: true, disbursedAt: true, amountDisbursed: true,
      orgUnit: { select: { id: true, name: true } }, member: { select: { id: true, fullName: true } },
      appraisal: { select: { appraisedAt: true } },
    },
    orderBy: [{ disbursedAt: 'asc' }, { number: 'asc' }],
  });
  const appraisedBefore = (l: (typeof loans)[number]) => !!l.appraisal && l.appraisal.appraisedAt <= l.disbursedAt!;
  const tally = (list: typeof loans) => {
    const appraised = list.filter(appraisedBefore).length;
    return { disbursed: list.length, appraised, ratio: ratio4(appraised, list.length) };
  };
  const byCommune = new Map<string, { commune: { id: string; name: string }; loans: typeof loans }>();
  for (const loan of loans) {
    const entry = byCommune.get(loan.orgUnit.id) ?? { commune: loan.orgUnit, loans: [] };
    entry.loans.push(loan);
    byCommune.set(loan.orgUnit.id, entry);
  }
  return {
    orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    from, to,
    total: { ...tally(loans), laterRounds: tally(loans.filter((l) => l.round >= 2)) },
    communes: [...byCommune.values()]
      .map(({ commune, loans: list }) => ({ commune, ...tally(list), laterRounds: tally(list.filter((l) => l.round >= 2)) }))
      .sort((a, b) => a.commune.name.localeCompare(b.commune.name, 'vi')),
    exceptions: loans.filter((l) => !appraisedBefore(l)).map((l) => ({ ...l, appraisedAt: l.appraisal?.appraisedAt ?? null })),
  };
}
