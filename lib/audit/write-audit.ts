import type { Prisma, Tx } from '@/lib/db';

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

function auditRow(actor: AuditActor | null, entry: AuditEntry) {
  return {
    actorId: actor?.userId ?? null,
    actorUsername: actor?.username ?? null,
    requestId: actor?.requestId ?? null,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: toJson(entry.before),
    after: toJson(entry.after),
  };
}

/** JSON-safe copy: bigint amounts become strings of digits, dates ISO strings. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? v.toString() : v)));
}

/** Drops secrets from a record before it goes into the audit log. */
export function withoutSecrets<T extends Record<string, unknown>>(record: T): Omit<T, 'passwordHash'> {
  const { passwordHash: _hidden, ...rest } = record;
  return rest;
}

export function auditActorOf(actor: { userId: string; username: string; requestId: string }): AuditActor {
  return { userId: actor.userId, username: actor.username, requestId: actor.requestId };
}

/** Many audit rows in one statement (bulk imports); same content as writeAudit per entry. */
export async function writeAuditMany(tx: Tx, actor: AuditActor | null, entries: AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.auditLog.createMany({ data: entries.slice(i, i + 1000).map((entry) => auditRow(actor, entry)) });
  }
}
