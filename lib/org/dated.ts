import type { OrgUnit, Prisma } from '@/lib/db';

// Units exist from a date to a date (OrgUnit.validFrom/validTo, inclusive; null = open). A unit
// without an end date exists while it is active: deactivating by hand is not dated.

type Dated = Pick<OrgUnit, 'validFrom' | 'validTo' | 'active'>;

/** Whether the unit exists at the end of `date`. */
export function existsOn(unit: Dated, date: Date): boolean {
  if (unit.validFrom && unit.validFrom > date) return false;
  return unit.validTo ? unit.validTo >= date : unit.active;
}

/** Whether the unit had been created by the end of `date` (whatever became of it since). */
export function startedBy(unit: Pick<OrgUnit, 'validFrom'>, date: Date): boolean {
  return !unit.validFrom || unit.validFrom <= date;
}

/** The same as a `where`: units that exist at the end of `date`. */
export function existingOn(date: Date): Prisma.OrgUnitWhereInput {
  return { AND: [{ OR: [{ validFrom: null }, { validFrom: { lte: date } }] }, { OR: [{ validTo: { gte: date } }, { validTo: null, active: true }] }] };
}
