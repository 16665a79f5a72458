import { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit, type AuditEntry } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { db, type FundSource, type MemberConsent, type SavingsKind, type Tx } from '@/lib/db';
import { AppError, parseInput } from '@/lib/errors';
import { optional, pastDate } from '@/lib/groups/schemas';
import { CONSENT_ACTIONS, CONSENT_METHODS, CONSENT_PURPOSES, hasConsent, type ConsentPurpose, type ConsentState } from './consent-state';
import { findMemberInScope } from './find-member';
import { assertMayProcess } from '@/lib/privacy/restriction';

// A member's consent to the processing of her personal data (Law 91/2025/QH15, Decree
// 356/2025/ND-CP), recorded as facts: what she agreed to, when, how (the signed form and its
// reference) and who recorded it; a withdrawal the same way. The history is append-only (the
// database refuses edits and deletes); her current state for a purpose is its latest record.
// What each purpose gates and what a withdrawal stops: docs/decisions/024-member-consent.md.

export { CONSENT_ACTIONS, CONSENT_METHODS, CONSENT_PURPOSES, hasConsent } from './consent-state';
export type { ConsentAction, ConsentMethod, ConsentPurpose, ConsentState } from './consent-state';

export const recordConsentSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { message: 'validation.consentPurpose' }),
  action: z.enum(CONSENT_ACTIONS, { message: 'validation.consentAction' }),
  date: pastDate,
  method: optional(z.enum(CONSENT_METHODS, { message: 'validation.consentMethod' })),
  reference: z.string().trim().min(1).max(60),
});
export type RecordConsentInput = z.input<typeof recordConsentSchema>;

/** The latest record of each purpose (null: never recorded). */

const emptyState = (): ConsentState => ({ LENDING_SAVINGS: null, BANK_SHARING: null });

/** Later facts win: by date, then by when they were recorded. */
const isLater = (a: MemberConsent, b: MemberConsent) =>
  a.date.getTime() !== b.date.getTime() ? a.date > b.date : a.recordedAt >= b.recordedAt;

/** Each member's current state per purpose, in one query per 5,000 members. */
export async function consentStates(tx: Tx, memberIds: string[]): Promise<Map<string, ConsentState>> {
  const states = new Map<string, ConsentState>(memberIds.map((id) => [id, emptyState()]));
  for (let i = 0; i < memberIds.length; i += 5000) {
    const records = await tx.memberConsent.findMany({ where: { memberId: { in: memberIds.slice(i, i + 5000) } } });
    for (const record of records) {
      const state = states.get(record.memberId)!;
      const current = state[record.purpose];
      if (!current || isLater(record, current)) state[record.purpose] = record;
    }
  }
  return states;
}


/** Consent a loan needs: every loan her joining the lending; an entrusted (VBSP) loan also the sharing with the bank. */
export const consentsForLoan = (fundSource: FundSource): ConsentPurpose[] =>
  fundSource === 'VBSP' ? ['LENDING_SAVINGS', 'BANK_SHARING'] : ['LENDING_SAVINGS'];

/** Consent a savings account needs: the group's savings; savings through the group for the bank also the sharing. */
export const consentsForSavings = (kind: SavingsKind): ConsentPurpose[] =>
  kind === 'VBSP_GROUP' ? ['LENDING_SAVINGS', 'BANK_SHARING'] : ['LENDING_SAVINGS'];

/** The purposes of `needed` the member has not consented to now (never given, or withdrawn). */
export async function missingConsents(tx: Tx, memberId: string, needed: ConsentPurpose[]): Promise<ConsentPurpose[]> {
  const state = (await consentStates(tx, [memberId])).get(memberId)!;
  return needed.filter((purpose) => !hasConsent(state, purpose));
}

/** The message's `missing` parameter: one purpose, or BOTH. */
const missingParam = (missing: ConsentPurpose[]) => (missing.length > 1 ? 'BOTH' : missing[0]!);

/**
 * Refuses a new loan application or savings account without the consent it needs: 422 naming the
 * member field, the message naming what is missing.
 */
export async function assertConsents(tx: Tx, memberId: string, needed: ConsentPurpose[], what: 'loan' | 'savings') {
  await assertMayProcess(tx, memberId, what); // a restriction stops what a withdrawn consent stops
  const missing = await missingConsents(tx, memberId, needed);
  if (missing.length === 0) return;
  const key = what === 'loan' ? 'members.consent.missingForLoan' : 'members.consent.missingForSavings';
  const params = { missing: missingParam(missing) };
  throw new AppError('VALIDATION', key, params, { memberId: { key, params } });
}

/** Refuses to pay out an approved loan whose borrower withdrew a consent it needs (409, naming the loan). */
export async function assertConsentsForDisbursement(tx: Tx, loan: { memberId: string; number: string }, fundSource: FundSource) {
  await assertMayProcess(tx, loan.memberId, { disbursement: loan.number });
  const missing = await missingConsents(tx, loan.memberId, consentsForLoan(fundSource));
  if (missing.length === 0) return;
  throw new AppError('CONFLICT', 'members.consent.missingForDisbursement', { number: loan.number, missing: missingParam(missing) });
}

/** What the audit log keeps of a consent record: ids, purpose, action, method and date — no personal values, no reference. */
export function consentAuditEntry(record: MemberConsent): AuditEntry {
  const { id, memberId, purpose, action, method, date } = record;
  return { action: `member.consent.${action === 'GIVEN' ? 'give' : 'withdraw'}`, entity: 'MemberConsent', entityId: id, after: { memberId, purpose, action, method, date } };
}

/** Records a consent given or withdrawn (register:write), for a member in scope. */
export async function recordConsent(actor: Actor, memberId: string, input: RecordConsentInput) {
  assertCan(actor, 'register:write');
  const data = parseInput(recordConsentSchema, input);
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, memberId, tx);
    if (member.anonymisedAt) throw new AppError('CONFLICT', 'privacy.anonymised');
    // One record at a time per member: the latest is read and extended without a race.
    await tx.$queryRaw`SELECT 1 FROM "Member" WHERE "id" = ${member.id}::uuid FOR UPDATE`;
    const latest = (await consentStates(tx, [member.id])).get(member.id)![data.purpose];
    // History runs forwards: a record dated before the latest would silently not count.
    if (latest && data.date < latest.date) {
      const params = { date: formatDateOnly(latest.date) };
      throw new AppError('VALIDATION', 'members.consent.beforeLatest', params, { date: { key: 'members.consent.beforeLatest', params } });
    }
    if (data.action === 'WITHDRAWN' && latest?.action !== 'GIVEN') {
      throw new AppError('CONFLICT', 'members.consent.nothingToWithdraw', {}, { action: { key: 'members.consent.nothingToWithdraw' } });
    }
    const record = await tx.memberConsent.create({
      data: { memberId: member.id, purpose: data.purpose, action: data.action, date: data.date, method: data.method ?? 'PAPER_FORM', reference: data.reference, recordedById: actor.userId },
    });
    await writeAudit(tx, auditActorOf(actor), consentAuditEntry(record));
    return record;
  });
}

/** A member's consents: the current state per purpose and the history, newest first (register:read). */
export async function listConsents(actor: Actor, memberId: string) {
  assertCan(actor, 'register:read');
  const member = await findMemberInScope(actor, memberId);
  const history = await db.memberConsent.findMany({
    where: { memberId: member.id },
    include: { recordedBy: { select: { id: true, fullName: true } } },
    orderBy: [{ date: 'desc' }, { recordedAt: 'desc' }],
  });
  const current = emptyState() as Record<ConsentPurpose, (typeof history)[number] | null>;
  for (const record of history) current[record.purpose] ??= record;
  return { memberId: member.id, current, history };
}
