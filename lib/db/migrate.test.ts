import { cpSync, mkdtempSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newPglite } from './pglite';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseUrlWithName } from '@/tests/setup/global-database';
import { applyMigrations, checksumOf, DEFAULT_MIGRATIONS_DIR, MigrationError, readMigrations } from './migrate';
import { pgliteExecutor, postgresExecutor, type SqlExecutor } from './sql-executor';

// The runner must behave the same on both databases: run it on a fresh PGlite, and on a fresh
// PostgreSQL database when DATABASE_URL is set.
const serverUrl = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<SqlExecutor> {
  if (kind === 'pglite') {
    const executor = pgliteExecutor(newPglite());
    cleanups.push(() => executor.close());
    return executor;
  }
  const name = `mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const executor = await postgresExecutor(databaseUrlWithName(serverUrl!, name));
  cleanups.push(async () => {
    await executor.close();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  });
  return executor;
}

function copyMigrations(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

const kinds = serverUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('migration runner on %s', (kind) => {
  it('applies every migration once; a second run applies nothing', async () => {
    const sql = await freshDatabase(kind);
    const local = await readMigrations();
    expect(await applyMigrations(sql)).toEqual(local.map((m) => m.name));
    expect(await applyMigrations(sql)).toEqual([]);
    const rows = await sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(local[i]!.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await sql.query<{ tablename: string }>(`SELECT tablename FROM pg_tables WHERE tablename = 'OrgUnit'`);
    expect(tables).toHaveLength(1);
  });

  it('refuses a migration modified after it was applied, naming it', async () => {
    const sql = await freshDatabase(kind);
    const dir = copyMigrations();
    await applyMigrations(sql, dir);
    const [first] = await readMigrations(dir);
    appendFileSync(path.join(dir, first!.name, 'migration.sql'), '\n-- edited afterwards\n');
    await expect(applyMigrations(sql, dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(sql, dir)).rejects.toThrow(`Migration ${first!.name} was modified after it was applied`);
  });

  it('applies a new migration added later, and rolls back a failing one completely', async () => {
    const sql = await freshDatabase(kind);
    const dir = copyMigrations();
    await applyMigrations(sql, dir);
    const good = path.join(dir, '99990101000000_add_note');
    cpSync(path.join(dir, (await readMigrations(dir))[0]!.name), good, { recursive: true });
    writeFileSync(path.join(good, 'migration.sql'), 'CREATE TABLE "Note" ("id" INTEGER PRIMARY KEY);');
    expect(await applyMigrations(sql, dir)).toEqual(['99990101000000_add_note']);

    const bad = path.join(dir, '99990102000000_broken');
    cpSync(good, bad, { recursive: true });
    writeFileSync(path.join(bad, 'migration.sql'), 'CREATE TABLE "Half" ("id" INTEGER);\nTHIS IS NOT SQL;');
    await expect(applyMigrations(sql, dir)).rejects.toThrow();
    expect(await sql.query(`SELECT 1 FROM pg_tables WHERE tablename = 'Half'`)).toHaveLength(0);
    expect(await sql.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99990102000000_broken'`)).toHaveLength(0);
  });
});

describe('checksum', () => {
  it('is the SHA-256 of the file as Prisma records it', () => {
    expect(checksumOf('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
