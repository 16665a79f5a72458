import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { todayInVietnam } from '@/lib/clock';
import { db } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { addRateSchema, createProgrammeSchema, type CreateProgrammeInput } from './schemas';

export async function createProgramme(actor: Actor, input: CreateProgrammeInput) {
  assertCan(actor, 'programme:manage');
  const { monthlyRate, rateFrom, ...data } = parseInput(createProgrammeSchema, input);
  return db.$transaction(async (tx) => {
    if (await tx.programme.findUnique({ where: { code: data.code } })) {
      throw new AppError('CONFLICT', 'programmes.codeTaken', { code: data.code }, { code: { key: 'programmes.codeTaken', params: { code: data.code } } });
    }
    const programme = await tx.programme.create({ data: { ...data, rates: { create: { effectiveFrom: rateFrom, monthlyRate } } }, include: { rates: true } });
    await writeAudit(tx, auditActorOf(actor), { action: 'programme.create', entity: 'Programme', entityId: programme.id, after: programme });
    return programme;
  });
}

/**
 * A rate change: applies to interest accrued from `effectiveFrom`, on every loan of the programme,
 * including loans already disbursed (their balances are recomputed from it).
 */
export async function addProgrammeRate(actor: Actor, programmeId: string, input: { monthlyRate: string; effectiveFrom: string }) {
  assertCan(actor, 'programme:manage');
  const data = parseInput(addRateSchema, input);
  return db.$transaction(async (tx) => {
    const programme = isUuid(programmeId) ? await tx.programme.findUnique({ where: { id: programmeId } }) : null;
    if (!programme) throw new AppError('NOT_FOUND', 'errors.notFound');
    if (await tx.programmeRate.findUnique({ where: { programmeId_effectiveFrom: { programmeId, effectiveFrom: data.effectiveFrom } } })) {
      throw new AppError('CONFLICT', 'programmes.rateDateTaken', {}, { effectiveFrom: { key: 'programmes.rateDateTaken' } });
    }
    // Interest already settled stays as collected: a new rate applies from today on.
    if (data.effectiveFrom < todayInVietnam()) {
      throw new AppError('VALIDATION', 'programmes.rateInPast', {}, { effectiveFrom: { key: 'programmes.rateInPast' } });
    }
    const rate = await tx.programmeRate.create({ data: { programmeId, effectiveFrom: data.effectiveFrom, monthlyRate: data.monthlyRate } });
    // Cached loan balances of the programme are now stale: the next list brings them up to date.
    await tx.loan.updateMany({ where: { programmeId }, data: { cachedAsOf: null } });
    await writeAudit(tx, auditActorOf(actor), { action: 'programme.rate', entity: 'Programme', entityId: programmeId, after: rate });
    return rate;
  });
}

export async function setProgrammeActive(actor: Actor, programmeId: string, active: boolean) {
  assertCan(actor, 'programme:manage');
  return db.$transaction(async (tx) => {
    const before = isUuid(programmeId) ? await tx.programme.findUnique({ where: { id: programmeId } }) : null;
    if (!before) throw new AppError('NOT_FOUND', 'errors.notFound');
    const after = await tx.programme.update({ where: { id: programmeId }, data: { active } });
    await writeAudit(tx, auditActorOf(actor), { action: active ? 'programme.open' : 'programme.close', entity: 'Programme', entityId: programmeId, before, after });
    return after;
  });
}
