import type { Actor } from '@/lib/auth/actor';
import { db, type PersonalDataAccessKind, type Prisma, type Tx } from '@/lib/db';
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
  await tx.personalDataAccess.create({
    data: {
      userId: actor.userId,
      username: actor.username,
      role: actor.role,
      orgUnitId: actor.orgUnitId,
      kind: entry.kind,
      memberId: entry.memberId ?? null,
      memberIds: entry.memberIds ?? [],
      source: entry.source ?? null,
      format: entry.format ?? null,
      filters: (entry.filters as Prisma.InputJsonValue | undefined) ?? undefined,
      rowCount: entry.rowCount ?? null,
      fields: entry.fields,
      purpose: entry.purpose ?? null,
      requestId: actor.requestId,
    },
  });
}
