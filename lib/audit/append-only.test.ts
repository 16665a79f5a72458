import { describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { db } from '@/lib/db';
import { writeAudit } from './write-audit';

useTestDatabase();

describe('audit log', () => {
  it('is append-only in the database: updating, deleting or truncating it is refused and changes nothing', async () => {
    await writeAudit(db, null, { action: 'test.write', entity: 'Test', entityId: '1', after: { amount: 1000 } });
    const entry = await db.auditLog.findFirstOrThrow({ where: { action: 'test.write' } });
    await expect(db.auditLog.update({ where: { id: entry.id }, data: { action: 'test.rewritten' } })).rejects.toThrow(/append-only/);
    await expect(db.auditLog.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    // (The embedded database's driver does not pass the message of a raw statement's error on.)
    await expect(db.$executeRaw`TRUNCATE "AuditLog"`).rejects.toThrow();
    expect(await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } })).toMatchObject({ action: 'test.write', after: { amount: 1000 } });
  });
});
