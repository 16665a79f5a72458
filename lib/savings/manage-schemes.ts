import type { Actor } from '@/lib/auth/actor';
import { BANK_SAVINGS_KINDS, seesBankBusinessOnly } from '@/lib/auth/business';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db } from '@/lib/db';
import { AppError, notFound, parseInput } from '@/lib/errors';
import { isUuid } from '@/lib/org/find-org-unit';
import { createSchemeSchema, updateSchemeSchema, type CreateSchemeInput, type UpdateSchemeInput } from './schemas';

/** Every scheme (active first), with how many accounts use it. */
export async function listSchemes(actor: Actor) {
  assertCan(actor, 'savings:read');
  return db.savingsScheme.findMany({
    where: seesBankBusinessOnly(actor) ? { kind: { in: [...BANK_SAVINGS_KINDS] } } : {},
    orderBy: [{ active: 'desc' }, { code: 'asc' }], include: { _count: { select: { accounts: true } } } });
}

/** A new savings scheme; schemes are province-wide products, managed with the programmes. */
export async function createScheme(actor: Actor, input: CreateSchemeInput) {
  assertCan(actor, 'programme:manage');
  const data = parseInput(createSchemeSchema, input);
  return db.$transaction(async (tx) => {
    if (await tx.savingsScheme.findUnique({ where: { code: data.code } })) {
      throw new AppError('CONFLICT', 'savings.schemeCodeTaken', { code: data.code }, { code: { key: 'savings.schemeCodeTaken', params: { code: data.code } } });
    }
    const scheme = await tx.savingsScheme.create({ data });
    await writeAudit(tx, auditActorOf(actor), { action: 'savingsScheme.create', entity: 'SavingsScheme', entityId: scheme.id, after: scheme });
    return scheme;
  });
}

/**
 * Changes a scheme's rules (or closes it to new accounts). New rules apply to movements posted
 * from now on; movements already posted stand. The audit keeps the rules before and after.
 */
export async function updateScheme(actor: Actor, id: string, input: UpdateSchemeInput) {
  assertCan(actor, 'programme:manage');
  const data = parseInput(updateSchemeSchema, input);
  return db.$transaction(async (tx) => {
    const before = isUuid(id) ? await tx.savingsScheme.findUnique({ where: { id } }) : null;
    if (!before) throw notFound();
    const after = await tx.savingsScheme.update({ where: { id }, data });
    await writeAudit(tx, auditActorOf(actor), { action: 'savingsScheme.update', entity: 'SavingsScheme', entityId: id, before, after });
    return after;
  });
}
