import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { findMemberInScope } from '@/lib/members/find-member';

// Her right to restrict processing (Law 91/2025/QH15; issue 24 §2, decision 027): while it stands,
// her data is kept and read as the law requires (her loans are still collected and reported) but
// used for nothing new — no loan application, disbursement or savings account — until an officer
// lifts it on her word. Recorded and lifted by the officers who keep her register, audited.

const restrictSchema = z.object({ reason: z.string().trim().normalize('NFC').min(1, 'privacy.restriction.reasonRequired').max(300) });

export async function restrictProcessing(actor: Actor, memberId: string, input: unknown) {
  assertCan(actor, 'register:write');
  const { reason } = parseInput(restrictSchema, input);
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, memberId, tx);
    if (member.anonymisedAt) throw new AppError('CONFLICT', 'privacy.erase.already');
    if (member.restrictedAt) throw new AppError('CONFLICT', 'privacy.restriction.already', { date: formatDateOnly(member.restrictedAt) });
    const after = await tx.member.update({ where: { id: member.id }, data: { restrictedAt: todayInVietnam(), restrictionReason: reason } });
    await writeAudit(tx, auditActorOf(actor), { action: 'member.restrict', entity: 'Member', entityId: member.id, after: { restrictedAt: after.restrictedAt, reason } });
    return after;
  });
}

export async function liftRestriction(actor: Actor, memberId: string) {
  assertCan(actor, 'register:write');
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, memberId, tx);
    if (!member.restrictedAt) throw new AppError('CONFLICT', 'privacy.restriction.none');
    const after = await tx.member.update({ where: { id: member.id }, data: { restrictedAt: null, restrictionReason: null } });
    await writeAudit(tx, auditActorOf(actor), { action: 'member.unrestrict', entity: 'Member', entityId: member.id, before: { restrictedAt: member.restrictedAt } });
    return after;
  });
}

/**
 * Refuses new processing of a restricted or anonymised member: a loan application or savings account
 * (422 on the member field) or a disbursement (409 naming the loan).
 */
export async function assertMayProcess(tx: Tx, memberId: string, what: 'loan' | 'savings' | { disbursement: string }) {
  const member = await tx.member.findUnique({ where: { id: memberId }, select: { restrictedAt: true, anonymisedAt: true } });
  if (!member || (!member.restrictedAt && !member.anonymisedAt)) return;
  const key = member.anonymisedAt ? 'privacy.anonymisedBlocks' : 'privacy.restriction.blocks';
  const params = { date: formatDateOnly(member.restrictedAt ?? todayInVietnam()) };
  if (typeof what === 'object') throw new AppError('CONFLICT', `${key}Disbursement`, { ...params, number: what.disbursement });
  throw new AppError('VALIDATION', key, params, { memberId: { key, params } });
}
