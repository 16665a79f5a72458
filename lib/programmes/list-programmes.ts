import type { Actor } from '@/lib/auth/actor';
import { seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { db } from '@/lib/db';

/** Loan programmes with their rate history (newest first); every role that reads loans sees them. */
export async function listProgrammes(actor: Actor, { activeOnly = false } = {}) {
  assertCan(actor, 'loan:read');
  return db.programme.findMany({
    where: { ...(activeOnly ? { active: true } : {}), ...(seesBankBusinessOnly(actor) ? { fundSource: 'VBSP' as const } : {}) },
    include: { rates: { orderBy: { effectiveFrom: 'desc' } } },
    orderBy: [{ fundSource: 'asc' }, { code: 'asc' }],
  });
}
