import type { Prisma, Tx } from '@/lib/db';
import { bulkInsert } from '@/lib/db/bulk-insert';

export interface AuditActor {
  userId: string | null;
  username: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Writes one audit row inside the caller's transaction, so the change and its record commit or
 * roll back together. Every mutation in lib/ calls this.
 */
export async function writeAudit(tx: Tx, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({ data: auditRow(actor, entry) });
}

/**
 * Members' personal data under Law 91/2025/QH15 (CCCD, phone, address, household category) never
 * goes into the audit trail as values: the entry says it was there (and, for a change, which of it
 * changed), not what it is.
 */
const PERSONAL_DATA = new Set(['nationalId', 'activeNationalId', 'phone', 'address', 'householdCategory']);
export const PERSONAL_DATA_MARK = '[dữ liệu cá nhân]';

/** The personal-data fields whose values differ between two records (top level). */
function changedPersonalData(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
  return [...PERSONAL_DATA].filter((key) => (key in a || key in b) && JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null));
}

/** An audit row's columns, `before` and `after` still values (personal data not yet masked). */
function auditFields(actor: AuditActor | null, entry: AuditEntry) {
  const changed = changedPersonalData(entry.before, entry.after);
  const after = changed.length > 0 && entry.after && typeof entry.after === 'object' ? { ...entry.after, personalDataChanged: changed } : entry.after;
  return {
    actorId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    requestId: actor?.requestId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: entry.before,
    after,
  };
}

function auditRow(actor: AuditActor | null, entry: AuditEntry) {
  const fields = auditFields(actor, entry);
  return { ...fields, before: toJson(fields.before), after: toJson(fields.after) };
}

/** JSON text of a value as the log keeps it: bigint amounts as strings of digits, dates ISO strings, personal data a mark. */
function jsonText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return JSON.stringify(value, (key, v) => (PERSONAL_DATA.has(key) && v !== null && v !== undefined ? PERSONAL_DATA_MARK : typeof v === 'bigint' ? v.toString() : v));
}

/** JSON-safe copy (see jsonText). */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  const text = jsonText(value);
  return text === null ? undefined : JSON.parse(text);
}

/** Drops secrets from a record before it goes into the audit log. */
export function withoutSecrets<T extends Record<string, unknown>>(record: T): Omit<T, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = record;
  return rest;
}

export function auditActorOf(actor: { userId: string; username: string; requestId: string }): AuditActor {
  return { userId: actor.userId, username: actor.username, requestId: actor.requestId };
}

/** Audit rows in one statement per 10,000 (bulk imports); the same content as writeAudit per entry. */
export async function writeAuditMany(tx: Tx, actor: AuditActor | null, entries: AuditEntry[]): Promise<void> {
  const columns = { actorId: 'uuid', actorUsername: 'text', requestId: 'text', action: 'text', entity: 'text', entityId: 'text', before: 'jsonb', after: 'jsonb' };
  for (let i = 0; i < entries.length; i += 10_000) {
    const rows = entries.slice(i, i + 10_000).map((entry) => {
      const fields = auditFields(actor, entry);
      return { ...fields, before: jsonText(fields.before), after: jsonText(fields.after) };
    });
    await bulkInsert(tx, 'AuditLog', columns, rows);
  }
}
