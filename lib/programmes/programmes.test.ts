import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createUnit } from '@/tests/factories/org';
import { daysAgo } from '@/tests/factories/loans';
import { AppError } from '@/lib/errors';
import { addProgrammeRate, createProgramme } from './manage-programmes';

useTestDatabase();

const input = {
  code: 'nsvs2', name: 'Nước sạch 2', fundSource: 'VBSP', interestMethod: 'DECLINING', monthlyRate: '0,9', rateFrom: '2026-01-01', overdueMultiplierPct: '130',
  minTermMonths: '12', maxTermMonths: '60', minAmount: '1.000.000', maxAmount: '25.000.000', principalFrequency: 'MONTHLY', graceMonths: '0', allowPrepayment: 'true',
} as const;

describe('programmes', () => {
  it('an administrator defines a programme and a later rate; others cannot', async () => {
    const province = await createUnit('PROVINCE', null);
    const admin = await actorFor('ADMIN', province);
    const programme = await createProgramme(admin, input);
    expect(programme).toMatchObject({ code: 'NSVS2', maxAmount: 25_000_000n });
    expect(programme.rates.map((r) => r.monthlyRate.toString())).toEqual(['0.9']);
    await expect(addProgrammeRate(admin, programme.id, { monthlyRate: '0.85', effectiveFrom: daysAgo(30) })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.messageKey === 'programmes.rateInPast',
    );
    await addProgrammeRate(admin, programme.id, { monthlyRate: '0.85', effectiveFrom: daysAgo(-30) });
    const leader = await actorFor('DISTRICT_LEADER', await createUnit('DISTRICT', province));
    await expect(createProgramme(leader, { ...input, code: 'X1' })).rejects.toSatisfy((e) => e instanceof AppError && e.code === 'FORBIDDEN');
  });

  it('refuses a maximum below the minimum and a grace as long as the term, naming the fields', async () => {
    const admin = await actorFor('ADMIN', await createUnit('PROVINCE', null));
    const error = await createProgramme(admin, { ...input, code: 'BAD1', maxAmount: '500.000', graceMonths: '12' }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(Object.keys((error as AppError).fields).sort()).toEqual(['graceMonths', 'maxAmount']);
  });
});
