import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlExecutor } from './sql-executor';

// The project's migration runner. `prisma migrate deploy` cannot run through the driver adapters
// here (see docs/decisions/001-data-layer.md), so this applies prisma/migrations/*/migration.sql in
// order, each in its own transaction, and records it in `_prisma_migrations` exactly as Prisma
// does (name, SHA-256 checksum, timestamps), so Prisma's own tools see the same history.

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');

export class MigrationError extends Error {}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql, 'utf8').digest('hex');
}

export async function readMigrations(dir = DEFAULT_MIGRATIONS_DIR): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: checksumOf(sql) };
    }),
  );
}

const CREATE_HISTORY_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies every migration not yet applied; returns the names applied by this run. */
export async function applyMigrations(
  executor: SqlExecutor,
  dir = DEFAULT_MIGRATIONS_DIR,
): Promise<string[]> {
  const local = await readMigrations(dir);
  return executor.withMigrationLock(async () => {
    await executor.exec(CREATE_HISTORY_TABLE);
    const rows = await executor.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"
       WHERE rolled_back_at IS NULL ORDER BY started_at`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    checkHistory(local, applied);

    const appliedNow: string[] = [];
    for (const migration of local) {
      if (applied.has(migration.name)) continue;
      await executor.transaction(async (tx) => {
        const id = randomUUID();
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, migration.checksum, migration.name],
        );
        await tx.exec(migration.sql);
        await tx.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
      });
      appliedNow.push(migration.name);
    }
    return appliedNow;
  });
}

function checkHistory(local: LocalMigration[], applied: Map<string, AppliedRow>): void {
  const localNames = new Set(local.map((m) => m.name));
  for (const row of applied.values()) {
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} started but did not finish; restore a backup or repair the database before starting again.`,
      );
    }
    if (!localNames.has(row.migration_name)) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which this version of the application does not know; use the newer version of the application.`,
      );
    }
  }
  for (const migration of local) {
    const row = applied.get(migration.name);
    if (row && row.checksum !== migration.checksum) {
      throw new MigrationError(
        `Migration ${migration.name} was modified after it was applied (checksum mismatch); restore the original file and put changes in a new migration.`,
      );
    }
  }
}
