import type { Actor } from '@/lib/auth/actor';
import { db, type PersonalDataAccessKind, type Tx } from '@/lib/db';
import { textArray } from '@/lib/db/text-array';
import type { PersonalField } from './personal-fields';

export interface PersonalDataAccessEntry {
  kind: PersonalDataAccessKind;
  /** The one member read. */
  memberId?: string;
  /** The members an export covered. */
  memberIds?: string[];
  /** Which export or report. */
  source?: string;
  format?: string;
  filters?: Record<string, unknown>;
  rowCount?: number;
  fields: PersonalField[];
  purpose?: string | null;
}

/**
 * Records one read of members' personal data by a person: one row per page view, API record or
 * export, whatever the number of members (decision 025). Inside the caller's transaction when given.
 */
export async function recordPersonalDataAccess(actor: Actor, entry: PersonalDataAccessEntry, tx: Tx = db): Promise<void> {
  // One SQL statement with the members as one array literal (lib/db/text-array.ts: the memory a
  // province export's 100,000 ids would cost through the ORM).
  const filters = entry.filters === undefined ? null : JSON.stringify(entry.filters);
  await tx.$executeRaw`
    INSERT INTO "PersonalDataAccess" ("userId", "username", "role", "orgUnitId", "kind", "memberId", "memberIds", "source", "format", "filters",
                                      "rowCount", "fields", "purpose", "requestId")
    VALUES (${actor.userId}::uuid, ${actor.username}, ${actor.role}::"Role", ${actor.orgUnitId}::uuid, ${entry.kind}::"PersonalDataAccessKind",
            ${entry.memberId ?? null}::uuid, ${textArray(entry.memberIds ?? [])}::text[], ${entry.source ?? null}, ${entry.format ?? null},
            ${filters}::jsonb, ${entry.rowCount ?? null}::int, ${textArray(entry.fields)}::text[], ${entry.purpose ?? null}, ${actor.requestId ?? null})`;
}
