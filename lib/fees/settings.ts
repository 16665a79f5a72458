import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { monthBounds } from '@/lib/ledger/posting-sums';
import { existingOn } from '@/lib/org/dated';
import {
  addAllowanceRuleSchema, addFeeRateSchema, addFeeShareSchema,
  type AddAllowanceRuleInput, type AddFeeRateInput, type AddFeeShareInput,
} from './schemas';

// Rates and rules with effective months, entered by the province's administrators. Nothing here is
// an official rate: the demo data marks its figures as illustrative. An entry is never edited in
// place; a change is a new entry from a later month (the old months keep their figures).

const taken = (field: string) => new AppError('CONFLICT', 'fees.monthTaken', {}, { [field]: { key: 'fees.monthTaken' } });

/** The fee and commission rates of every programme, the level shares and the allowance rules. */
export async function listFeeSettings(actor: Actor) {
  assertCan(actor, 'fees:read');
  const [rates, shares, allowances] = await Promise.all([
    db.feeRate.findMany({ orderBy: [{ programme: { code: 'asc' } }, { kind: 'asc' }, { effectiveFrom: 'desc' }], include: { programme: { select: { code: true, name: true } } } }),
    db.feeShareRule.findMany({ orderBy: { effectiveFrom: 'desc' } }),
    db.allowanceRule.findMany({ orderBy: { effectiveFrom: 'desc' } }),
  ]);
  return { rates, shares, allowances };
}

/** A fee or commission rate of a VBSP programme from a month on. */
export async function addFeeRate(actor: Actor, input: AddFeeRateInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(addFeeRateSchema, input);
  const effectiveFrom = monthBounds(data.effectiveMonth).from;
  return db.$transaction(async (tx) => {
    const programme = await tx.programme.findUnique({ where: { id: data.programmeId } });
    if (programme?.fundSource !== 'VBSP') throw new AppError('VALIDATION', 'fees.notEntrusted', {}, { programmeId: { key: 'fees.notEntrusted' } });
    if (await tx.feeRate.findUnique({ where: { programmeId_kind_effectiveFrom: { programmeId: programme.id, kind: data.kind, effectiveFrom } } })) throw taken('effectiveMonth');
    const rate = await tx.feeRate.create({
      data: { programmeId: programme.id, kind: data.kind, basis: data.basis, ratePpm: data.rate, effectiveFrom, note: data.note, createdById: actor.userId },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'fees.rate', entity: 'FeeRate', entityId: rate.id, after: rate });
    return rate;
  });
}

/** How the entrustment fee is shared between commune, district and province from a month on. */
export async function addFeeShareRule(actor: Actor, input: AddFeeShareInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(addFeeShareSchema, input);
  const effectiveFrom = monthBounds(data.effectiveMonth).from;
  return db.$transaction(async (tx) => {
    if (await tx.feeShareRule.findUnique({ where: { effectiveFrom } })) throw taken('effectiveMonth');
    // Shares are for the levels that exist: no district share from a month when no district does.
    const districts = await tx.orgUnit.count({
      where: { level: 'DISTRICT', path: { startsWith: actor.orgUnitPath }, ...existingOn(effectiveFrom) },
    });
    if (data.district > 0 && districts === 0) throw new AppError('VALIDATION', 'fees.noDistrictLevel', {}, { district: { key: 'fees.noDistrictLevel' } });
    const rule = await tx.feeShareRule.create({
      data: { effectiveFrom, communeBp: data.commune, districtBp: data.district, provinceBp: data.province, createdById: actor.userId },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'fees.share', entity: 'FeeShareRule', entityId: rule.id, after: rule });
    return rule;
  });
}

/** The revolving fund's allowance split and group-size thresholds from a month on. */
export async function addAllowanceRule(actor: Actor, input: AddAllowanceRuleInput) {
  assertCan(actor, 'fund:manage');
  const data = parseInput(addAllowanceRuleSchema, input);
  const effectiveFrom = monthBounds(data.effectiveMonth).from;
  return db.$transaction(async (tx) => {
    if (await tx.allowanceRule.findUnique({ where: { effectiveFrom } })) throw taken('effectiveMonth');
    const rule = await tx.allowanceRule.create({
      data: {
        effectiveFrom, allowanceBp: data.allowance, groupOfficerBp: data.groupOfficers, fullFromMembers: data.fullFromMembers,
        reducedFromMembers: data.reducedFromMembers, reducedPct: data.reducedPct, createdById: actor.userId,
      },
    });
    await writeAudit(tx, auditActorOf(actor), { action: 'fees.allowanceRule', entity: 'AllowanceRule', entityId: rule.id, after: rule });
    return rule;
  });
}
