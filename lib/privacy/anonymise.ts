import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit, type AuditActor } from '@/lib/audit';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { now, todayInVietnam } from '@/lib/clock';
import { db, type Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { foldVietnamese } from '@/lib/imports/normalize';
import { findMemberInScope } from '@/lib/members/find-member';
import { membersDueForAnonymisation, retentionEndsOn, retentionStateOf, retentionYears } from './retention';

// Anonymisation (issue 24 §3, decision 027): her identifying fields are replaced by a pseudonym
// made from the record's id, in the register and wherever the system copied them (the bank's list
// of borrowers, the free text of inspections about her). Every amount, date, group, household
// category and gender stays, so reports of any period are unchanged. The audit log never held
// the values (lib/audit/write-audit.ts), so it stays append-only and its hash chain whole.

export const ANONYMISED_FIELDS = ['fullName', 'nationalId', 'phone', 'address', 'birthYear'] as const;
export type AnonymisationReason = 'RETENTION' | 'ERASURE';

/** "Thành viên ẩn danh 3F9A1C2B": the same for the same record, telling nothing about her. */
export function pseudonymOf(memberId: string): string {
  return `Thành viên ẩn danh ${createHash('sha256').update(memberId).digest('hex').slice(0, 8).toUpperCase()}`;
}

/** Replaces her identity in one transaction, with its audit entry (ids and field names only). */
async function anonymiseInTx(tx: Tx, memberId: string, actor: AuditActor | null, reason: AnonymisationReason) {
  const [member] = await tx.$queryRaw<{ fullName: string; anonymisedAt: Date | null }[]>`
    SELECT "fullName", "anonymisedAt" FROM "Member" WHERE "id" = ${memberId}::uuid FOR UPDATE`;
  if (!member || member.anonymisedAt) return false;
  const pseudonym = pseudonymOf(memberId);
  await tx.member.update({
    where: { id: memberId },
    data: {
      fullName: pseudonym, searchName: foldVietnamese(pseudonym), nationalId: '', activeNationalId: null, phone: null, address: null, birthYear: null,
      restrictionReason: null, anonymisedAt: now(),
    },
  });
  // The bank's list named her (and kept her CCCD masked): its rows now carry the pseudonym.
  await tx.$executeRaw`
    UPDATE "BankStatementLine" SET "borrowerName" = ${pseudonym}, "nationalIdMasked" = NULL
    WHERE "memberId" = ${memberId}::uuid OR "loanId" IN (SELECT "id" FROM "Loan" WHERE "memberId" = ${memberId}::uuid)`;
  // Inspections of her household: her name written into their text becomes the pseudonym.
  const name = member.fullName;
  await tx.$executeRaw`
    UPDATE "Inspection" SET "summary" = replace("summary", ${name}, ${pseudonym})
    WHERE "memberId" = ${memberId}::uuid AND strpos("summary", ${name}) > 0`;
  await tx.$executeRaw`
    UPDATE "InspectionFinding" f SET "notes" = replace(f."notes", ${name}, ${pseudonym})
    FROM "Inspection" i WHERE i."id" = f."inspectionId" AND i."memberId" = ${memberId}::uuid AND strpos(f."notes", ${name}) > 0`;
  await tx.$executeRaw`
    UPDATE "FollowUp" u SET "action" = replace(u."action", ${name}, ${pseudonym}), "closeNote" = replace(u."closeNote", ${name}, ${pseudonym})
    FROM "InspectionFinding" f JOIN "Inspection" i ON i."id" = f."inspectionId"
    WHERE u."findingId" = f."id" AND i."memberId" = ${memberId}::uuid AND (strpos(u."action", ${name}) > 0 OR strpos(u."closeNote", ${name}) > 0)`;
  await writeAudit(tx, actor, { action: 'member.anonymise', entity: 'Member', entityId: memberId, after: { reason, fields: ANONYMISED_FIELDS } });
  return true;
}

/**
 * The nightly job: every member whose retention period has ended by the application's today is
 * anonymised, each in her own transaction (a failure leaves the others done). Returns how many.
 */
export async function anonymiseDueMembers(onProgress?: (done: number) => void): Promise<number> {
  const today = todayInVietnam();
  const years = await retentionYears();
  let done = 0;
  for (;;) {
    const due = await membersDueForAnonymisation(db, today, years, 500);
    for (const memberId of due) {
      if (await db.$transaction((tx) => anonymiseInTx(tx, memberId, null, 'RETENTION'))) done += 1;
      onProgress?.(done);
    }
    if (due.length < 500) return done;
  }
}

/**
 * Her request to erase her data: granted at once when the law keeps nothing of her (she left and
 * never borrowed or saved) or her retention period has ended; otherwise refused naming why and,
 * when known, the day it can be done. Erasure is anonymisation: the record's id stays, for the
 * consents, the access log and the audit trail that point at it.
 */
export async function eraseMember(actor: Actor, memberId: string) {
  assertCan(actor, 'register:write');
  return db.$transaction(async (tx) => {
    const member = await findMemberInScope(actor, memberId, tx);
    if (member.anonymisedAt) throw new AppError('CONFLICT', 'privacy.erase.already');
    const state = await retentionStateOf(tx, member.id);
    if (!state.left) throw new AppError('CONFLICT', 'privacy.erase.stillMember');
    if (state.hasFinancialRecords) {
      const years = await retentionYears(tx);
      const end = retentionEndsOn(state, years);
      if (!end) throw new AppError('CONFLICT', 'privacy.erase.openBusiness');
      if (end > todayInVietnam()) throw new AppError('CONFLICT', 'privacy.erase.retained', { date: formatDateOnly(end), years });
    }
    await anonymiseInTx(tx, member.id, auditActorOf(actor), 'ERASURE');
    return tx.member.findUniqueOrThrow({ where: { id: member.id } });
  });
}
