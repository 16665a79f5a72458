import type { Actor } from '@/lib/auth/actor';
import { auditActorOf, writeAudit, type AuditEntry } from '@/lib/audit';
import { db } from '@/lib/db';
import type { PersonalField } from './personal-fields';
import { recordPersonalDataAccess } from './record-access';

export interface ExportRecord {
  /** The audit entry of the export (issue 22 §4: who, which export, format, filters, rows). */
  audit: AuditEntry;
  /** Which export or report, as listed to the admin (export.members, report.borrowers …). */
  source: string;
  format: string;
  filters?: Record<string, unknown>;
  rowCount?: number;
  /** Every member whose data the file carries: "who exported her data" is answered from these. */
  memberIds: string[];
  fields: PersonalField[];
}

/**
 * The one record of an export of members' data (decision 025): its audit entry, hash-chained with
 * every other, and one access row naming the members it covered — both in one transaction, one
 * row each however many members the file holds.
 */
export async function recordExport(actor: Actor, record: ExportRecord): Promise<void> {
  await db.$transaction(async (tx) => {
    await writeAudit(tx, auditActorOf(actor), record.audit);
    if (record.memberIds.length === 0 && record.fields.length === 0) return;
    await recordPersonalDataAccess(
      actor,
      {
        kind: 'EXPORT', memberIds: record.memberIds, source: record.source, format: record.format, filters: record.filters, rowCount: record.rowCount,
        fields: record.fields,
      },
      tx,
    );
  });
}
