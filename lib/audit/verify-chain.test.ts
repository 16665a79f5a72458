import { beforeEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { db } from '@/lib/db';
import { verifyAuditChain } from './verify-chain';
import { writeAudit } from './write-audit';

// The hash chain over the audit log (issue 22 §2, decision 020). The tampering below is done the way
// the table's owner (or a superuser) could: in session_replication_role = replica, which switches
// off every trigger, append-only ones included. The chain must show each kind of change.

const database = useTestDatabase();

async function writeEntries(n: number, tag: string) {
  for (let i = 1; i <= n; i++) await writeAudit(db, null, { action: 'test.chain', entity: 'Test', entityId: `${tag}${i}`, after: { amount: i * 1000 } });
}

/** Runs statements as the owner would, with every trigger switched off. */
async function asOwnerWithTriggersOff(...statements: string[]) {
  await db.$transaction([db.$executeRawUnsafe('SET LOCAL session_replication_role = replica'), ...statements.map((s) => db.$executeRawUnsafe(s))]);
}

const entryId = async (entityId: string) => (await db.auditLog.findFirstOrThrow({ where: { entityId } })).id;

describe('the audit log hash chain', () => {
  beforeEach(async () => {
    await database.replace();
  });

  it('links every committed entry in order, each to the one before, and verifies clean', async () => {
    await writeEntries(3, 'a');
    await db.$transaction(async (tx) => {
      await writeAudit(tx, null, { action: 'test.chain', entity: 'Test', entityId: 'b1', after: { amount: 1 } });
      await writeAudit(tx, null, { action: 'test.chain', entity: 'Test', entityId: 'b2', after: { amount: 2 } });
    });
    // A rolled-back transaction leaves neither entry nor link.
    await expect(db.$transaction(async (tx) => {
      await writeAudit(tx, null, { action: 'test.chain', entity: 'Test', entityId: 'c1' });
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');

    const links = await db.auditChainLink.findMany({ orderBy: { seq: 'asc' } });
    const entries = await db.auditLog.findMany({ orderBy: { id: 'asc' } });
    expect(links.map((l) => l.auditId)).toEqual(entries.map((e) => e.id));
    expect(links.map((l) => l.seq)).toEqual(links.map((_, i) => BigInt(i + 1)));
    for (let i = 1; i < links.length; i++) expect(links[i].prevHash).toBe(links[i - 1].hash);

    const report = await verifyAuditChain();
    expect(report.problems).toEqual([]);
    expect(report.links).toBe(5);
    expect(report.head).toEqual({ seq: 5n, hash: links[4].hash });
  });

  it('shows an entry changed by the owner, and only that one', async () => {
    await writeEntries(4, 'a');
    const id = await entryId('a2');
    await asOwnerWithTriggersOff(`UPDATE "AuditLog" SET after = '{"amount": 1}' WHERE id = ${id}`);
    const report = await verifyAuditChain();
    expect(report.problems).toEqual([{ kind: 'entryChanged', seq: 2n, auditId: id }]);
  });

  it('shows an entry deleted by the owner, an entry slipped in without a link, and a link removed', async () => {
    await writeEntries(4, 'a');
    const deleted = await entryId('a2');
    await asOwnerWithTriggersOff(
      `DELETE FROM "AuditLog" WHERE id = ${deleted}`,
      `INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('test.forged', 'Test', 'forged')`,
      `DELETE FROM "AuditChainLink" WHERE seq = 4`,
    );
    const forged = await entryId('forged');
    const report = await verifyAuditChain();
    expect(report.problems).toEqual(
      expect.arrayContaining([
        { kind: 'entryMissing', seq: 2n, auditId: deleted },
        { kind: 'entryUnlinked', auditId: forged },
        { kind: 'entryUnlinked', auditId: await entryId('a4') },
      ]),
    );
    expect(report.problems).toHaveLength(3);
  });

  it('catches a rewritten chain against a head noted earlier, and a changed hashing function does not hide a change', async () => {
    await writeEntries(3, 'a');
    const noted = (await verifyAuditChain()).head!;
    // The owner cuts off the last entry with its link: the chain left is consistent by itself…
    await asOwnerWithTriggersOff(`DELETE FROM "AuditLog" WHERE id = ${await entryId('a3')}`, 'DELETE FROM "AuditChainLink" WHERE seq = 3');
    expect((await verifyAuditChain()).problems).toEqual([]);
    // …but not with the head kept elsewhere.
    expect((await verifyAuditChain({ expectHead: noted })).problems).toEqual([{ kind: 'headMismatch', seq: 3n, expected: noted.hash, found: null }]);

    // The owner replaces the database's hashing text so that it ignores amounts, then changes one.
    await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION "audit_entry_text"(e "AuditLog") RETURNS text LANGUAGE sql STABLE AS $$ SELECT e.id::text $$`);
    await asOwnerWithTriggersOff(`UPDATE "AuditLog" SET after = '{"amount": 999999}' WHERE id = ${await entryId('a1')}`);
    const report = await verifyAuditChain();
    expect(report.problems).toEqual([{ kind: 'entryChanged', seq: 1n, auditId: await entryId('a1') }]);
  });
});
