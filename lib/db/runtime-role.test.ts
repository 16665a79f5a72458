import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { databaseTarget } from './config';
import { ensureRuntimeRole, grantRuntimeRole } from './runtime-role';
import { postgresExecutor } from './sql-executor';

// Issue 22 §2 on PostgreSQL: the server's role, set up by `npm run db:roles`'s own functions, cannot
// alter, delete, truncate or switch off anything on the audit log or its chain, yet appends to both
// and does the application's ordinary reads and writes. (On the embedded database there is one
// superuser and no roles: the triggers refuse changes and the hash chain shows any made around them.)

const onPostgres = Boolean(process.env.DATABASE_URL);
useTestDatabase();

describe.runIf(onPostgres)('the runtime database role (PostgreSQL)', () => {
  const role = `rt_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  let runtime: pg.Client;

  beforeAll(async () => {
    const owner = await postgresExecutor((databaseTarget() as { url: string }).url);
    try {
      expect(await ensureRuntimeRole(owner, role, null)).toBe('created');
      await grantRuntimeRole(owner, role);
    } finally {
      await owner.close();
    }
    const url = new URL((databaseTarget() as { url: string }).url);
    url.username = role;
    url.password = '';
    runtime = new pg.Client({ connectionString: url.toString() });
    await runtime.connect();
  });

  afterAll(async () => {
    await runtime?.end();
    const owner = await postgresExecutor((databaseTarget() as { url: string }).url);
    await owner.exec(`DROP OWNED BY "${role}"; DROP ROLE IF EXISTS "${role}"`);
    await owner.close();
  });

  it('appends to the audit log, which links the entry into the chain, and reads both', async () => {
    const { rows } = await runtime.query(`INSERT INTO "AuditLog" (action, entity, "entityId") VALUES ('test.runtime', 'Test', 'r1') RETURNING id`);
    const link = await runtime.query('SELECT seq, hash FROM "AuditChainLink" WHERE "auditId" = $1', [rows[0].id]);
    expect(link.rows).toHaveLength(1);
    expect(link.rows[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does the application’s ordinary work on other tables', async () => {
    await runtime.query(`INSERT INTO "AppSetting" (key, value, "updatedAt") VALUES ('rt-test', 'x', now())`);
    await runtime.query(`UPDATE "AppSetting" SET value = 'y' WHERE key = 'rt-test'`);
    await runtime.query(`DELETE FROM "AppSetting" WHERE key = 'rt-test'`);
  });

  const refused: [string, string][] = [
    ['update an entry', `UPDATE "AuditLog" SET action = 'x'`],
    ['delete entries', `DELETE FROM "AuditLog"`],
    ['truncate the log', `TRUNCATE "AuditLog"`],
    ['disable its triggers', `ALTER TABLE "AuditLog" DISABLE TRIGGER USER`],
    ['disable all its triggers', `ALTER TABLE "AuditLog" DISABLE TRIGGER ALL`],
    ['drop its append-only trigger', `DROP TRIGGER "audit_log_no_update_delete" ON "AuditLog"`],
    ['drop the table', `DROP TABLE "AuditLog"`],
    ['replace the refusing function', `CREATE OR REPLACE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`],
    ['switch triggers off for its session', `SET session_replication_role = replica`],
    ['write a link of the chain itself', `INSERT INTO "AuditChainLink" (seq, "auditId", "prevHash", hash) VALUES (999999, 999999, 'x', 'y')`],
    ['delete links of the chain', `DELETE FROM "AuditChainLink"`],
    ['truncate the chain', `TRUNCATE "AuditChainLink"`],
    ['disable the chain trigger', `ALTER TABLE "AuditLog" DISABLE TRIGGER "audit_log_chain"`],
    ['create a table', `CREATE TABLE "Sneaky" (id int)`],
  ];
  it.each(refused)('cannot %s', async (_what, statement) => {
    const before = await runtime.query('SELECT count(*)::int AS n FROM "AuditLog"');
    await expect(runtime.query(statement)).rejects.toMatchObject({ code: expect.stringMatching(/^42501$/) });
    const after = await runtime.query('SELECT count(*)::int AS n FROM "AuditLog"');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('cannot grant itself more: the grant gives nothing and deleting stays refused', async () => {
    await runtime.query(`GRANT DELETE ON "AuditLog" TO CURRENT_USER`);
    await expect(runtime.query(`DELETE FROM "AuditLog"`)).rejects.toMatchObject({ code: '42501' });
  });
});
