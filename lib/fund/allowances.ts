import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { db, type Tx } from '@/lib/db';
import { parseInput } from '@/lib/errors';
import { inForce, splitInterest } from '@/lib/fees/arithmetic';
import { interestByGroupMonth, membersAtMonthEnds, monthBounds, monthsBetween } from '@/lib/ledger/posting-sums';
import { periodInUnitSchema, type PeriodInUnitInput } from '@/lib/fees/schemas';
import { findOrgUnitInScope } from '@/lib/org/find-org-unit';

export interface AllowanceLine {
  groupId: string;
  orgUnitId: string;
  month: string;
  members: number;
  interest: bigint;
  allowances: bigint;
  unionOfficers: bigint;
  groupOfficers: bigint;
  withheld: bigint;
  retained: bigint;
}

/**
 * Each group's months of revolving-fund interest in [from, to], split by the allowance rule in force
 * that month and the group's size at the month's end. Derived from the ledger every time, so a
 * reversal is reflected at once.
 */
export async function allowanceLines(tx: Tx, path: string, from: Date, to: Date): Promise<AllowanceLine[]> {
  const [interest, rules] = await Promise.all([interestByGroupMonth(tx, { path, fundSource: 'REVOLVING' }, from, to), tx.allowanceRule.findMany()]);
  const members = await membersAtMonthEnds(tx, [...new Set(interest.map((i) => i.groupId))], [...new Set(interest.map((i) => i.month))]);
  return interest.map((i) => {
    const size = members.get(`${i.groupId}:${i.month}`) ?? 0;
    return {
      groupId: i.groupId, orgUnitId: i.orgUnitId, month: i.month, members: size, interest: i.interest,
      ...splitInterest(i.interest, inForce(rules, monthBounds(i.month).from), size),
    };
  });
}

type Totals = Omit<AllowanceLine, 'groupId' | 'orgUnitId' | 'month' | 'members'>;
const ZERO: Totals = { interest: 0n, allowances: 0n, unionOfficers: 0n, groupOfficers: 0n, withheld: 0n, retained: 0n };
export function addUp(lines: Totals[]): Totals {
  const total = { ...ZERO };
  for (const line of lines) for (const key of Object.keys(ZERO) as (keyof Totals)[]) total[key] += line[key];
  return total;
}

/** Allowance statement of the revolving fund for months (one, or a quarter) in a unit's subtree. */
export async function allowanceStatement(actor: Actor, input: PeriodInUnitInput) {
  assertCan(actor, 'fund:read');
  const { fromMonth, toMonth, orgUnitId } = parseInput(periodInUnitSchema, input);
  const unit = await findOrgUnitInScope(actor, orgUnitId ?? actor.orgUnitId);
  const lines = await allowanceLines(db, unit.path, monthBounds(fromMonth).from, monthBounds(toMonth).to);
  const [groups, communes] = await Promise.all([
    db.group.findMany({
      where: { id: { in: [...new Set(lines.map((l) => l.groupId))] } },
      select: { id: true, code: true, name: true, leader: { select: { fullName: true } } },
    }),
    db.orgUnit.findMany({ where: { id: { in: [...new Set(lines.map((l) => l.orgUnitId))] } }, select: { id: true, code: true, name: true } }),
  ]);
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const linesByGroup = new Map<string, AllowanceLine[]>();
  for (const line of lines) linesByGroup.set(line.groupId, [...(linesByGroup.get(line.groupId) ?? []), line]);
  const byGroup = [...linesByGroup].map(([groupId, rows]) => ({
    group: groupById.get(groupId)!, orgUnitId: rows[0]!.orgUnitId, months: rows.map((r) => ({ month: r.month, members: r.members })), ...addUp(rows),
  }));
  const byCommune = communes.map((c) => ({ orgUnit: c, ...addUp(lines.filter((l) => l.orgUnitId === c.id)) }));
  byGroup.sort((a, b) => a.group.code.localeCompare(b.group.code, 'vi'));
  byCommune.sort((a, b) => a.orgUnit.code.localeCompare(b.orgUnit.code));
  return {
    fromMonth, toMonth, months: monthsBetween(fromMonth, toMonth), orgUnit: { id: unit.id, code: unit.code, name: unit.name },
    byGroup, byCommune, totals: addUp(lines),
  };
}
