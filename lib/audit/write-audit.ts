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
 * Members' personal data under Law 91/2025/QH15 (name, CCCD, birth year, phone, address, household
 * category, and the bank's copies of name and CCCD) never goes into the audit trail as values: the
 * entry says it was there (and, for a change, which of it changed), not what it is. The trail is
 * append-only and hash-chained, so a value written here could never be anonymised (decision 027);
 * the entry's subject is named by its id, and pages show the record's name as it is today.
 */
const PERSONAL_DATA = new Set([
  'fullName', 'searchName', 'sortKey', 'birthYear', 'nationalId', 'activeNationalId', 'phone', 'address', 'householdCategory',
  'borrowerName', 'nationalIdMasked',
]);
export const PERSONAL_DATA_MARK = '[dữ liệu cá nhân]';

/** Kept by the database or the register from the fields above: a change is named by its source. */
const DERIVED = new Set(['searchName', 'sortKey', 'activeNationalId']);

/** The personal-data fields whose values differ between two records (top level). */
function changedPersonalData(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const [b, a] = [before as Record<string, unknown>, after as Record<string, unknown>];
  const differs = (key: string) => (key in a || key in b) && JSON.stringify(a[key] ?? null) !== JSON.stringify(b[key] ?? null);
  return [...PERSONAL_DATA].filter((key) => !DERIVED.has(key) && differs(key));
}

/**
 * Free text officers write about a member's household (an inspection's summary, a finding's notes,
 * a follow-up's action and closing note) may name her: the trail says it was written, not what it
 * says, so that her anonymisation leaves nothing behind in it (decision 027). The record keeps it.
 */
const FREE_TEXT: Record<string, readonly string[]> = { Inspection: ['summary'], InspectionFinding: ['notes'], FollowUp: ['action', 'closeNote'] };
export const FREE_TEXT_MARK = '[nội dung ghi trong hồ sơ]';

/** Records of those kinds nested in an entry (a finding with its follow-up). */
const NESTED: Record<string, string> = { followUp: 'FollowUp', followUps: 'FollowUp', findings: 'InspectionFinding', inspection: 'Inspection' };

function withoutFreeText(entity: string, value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => withoutFreeText(entity, item));
  const keys = FREE_TEXT[entity];
  if (!keys || !value || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const key of keys) if (copy[key] !== null && copy[key] !== undefined) copy[key] = FREE_TEXT_MARK;
  for (const [key, kind] of Object.entries(NESTED)) if (copy[key]) copy[key] = withoutFreeText(kind, copy[key]);
  return copy;
}

/** An audit row's columns, `before` and `after` still values (personal data not yet masked). */
function auditFields(actor: AuditActor | null, entry: AuditEntry) {
  const changed = changedPersonalData(entry.before, entry.after);
  const marked = changed.length > 0 && entry.after && typeof entry.after === 'object' ? { ...entry.after, personalDataChanged: changed } : entry.after;
  const [before, after] = [withoutFreeText(entry.entity, entry.before), withoutFreeText(entry.entity, marked)];
  return {
    actorId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    requestId: actor?.requestId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before,
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
