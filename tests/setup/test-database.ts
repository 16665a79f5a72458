import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, getPglite } from '@/lib/db/client';
import { MEMORY_PGLITE } from '@/lib/db/config';
import { applyMigrations } from '@/lib/db/migrate';
import { setReplicaReadBarrier } from '@/lib/db/replica';
import { pgliteExecutor } from '@/lib/db/sql-executor';
import { databaseUrlWithName } from './global-database';
import { replicaWaiter, type ReplicaWaiter } from './replica';

/**
 * Gives the calling test file its own migrated database: an in-memory PGlite by default, or a
 * fresh copy of the migrated template on the PostgreSQL server when DATABASE_URL is set. With
 * DATABASE_REPLICA_URL too (a streaming replica of that server), reports read the file's database
 * on the replica, each read waiting until the replica has applied the test's writes.
 */
export function useTestDatabase(): { replace: () => Promise<void> } {
  const serverUrl = process.env.DATABASE_URL;
  const replicaUrl = process.env.DATABASE_REPLICA_URL;
  const template = inject('postgresTemplate');
  let name = '';
  let waiter: ReplicaWaiter | null = null;

  async function open() {
    if (serverUrl && template) {
      name = `vt_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      await withAdmin(serverUrl, (admin) => admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
      process.env.DATABASE_URL = databaseUrlWithName(serverUrl, name);
      if (replicaUrl) {
        process.env.DATABASE_REPLICA_URL = databaseUrlWithName(replicaUrl, name);
        waiter = replicaWaiter(serverUrl, replicaUrl);
        await waiter.wait(); // the new database has reached the replica
        const wait = waiter.wait.bind(waiter);
        setReplicaReadBarrier(() => wait());
      }
    } else {
      delete process.env.DATABASE_URL;
      process.env.PGLITE_DIR = MEMORY_PGLITE;
      await applyMigrations(pgliteExecutor(getPglite(), { closeOnDone: false }));
    }
  }

  async function close() {
    await closeDb();
    setReplicaReadBarrier(null);
    await waiter?.close();
    waiter = null;
    if (replicaUrl) process.env.DATABASE_REPLICA_URL = replicaUrl;
    if (serverUrl && template) {
      process.env.DATABASE_URL = serverUrl;
      await withAdmin(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  }

  beforeAll(open);
  afterAll(close);
  /** Drops the file's database and gives it a fresh migrated one (tests that need several). */
  return { replace: async () => (await close(), await open()) };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Copies of one template made at the same moment can collide; retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(client);
      } catch (error) {
        if (attempt >= 5 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
      }
    }
  } finally {
    await client.end();
  }
}
