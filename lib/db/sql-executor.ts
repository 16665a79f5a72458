import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** The few raw SQL operations the migration runner, seeding checks and backups need. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements. */
  exec(sql: string): Promise<void>;
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Serialises migration runs of several processes (PostgreSQL only; PGlite is single-process). */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

function pgliteOps(client: PgliteLike) {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query<T>(sql, params as never[])).rows;
    },
    async exec(sql: string) {
      await client.exec(sql);
    },
  };
}

export function pgliteExecutor(client: PGlite, { closeOnDone = true } = {}): SqlExecutor {
  const self: SqlExecutor = {
    ...pgliteOps(client),
    transaction: (fn) =>
      client.transaction((tx) =>
        fn({ ...self, ...pgliteOps(tx), transaction: () => Promise.reject(new Error('nested transaction')) }),
      ),
    withMigrationLock: (fn) => fn(),
    close: async () => {
      if (closeOnDone) await client.close();
    },
  };
  return self;
}

// Prisma's own advisory lock id, so this runner and `prisma migrate` exclude each other.
const PRISMA_MIGRATION_LOCK = 72707369;

export async function postgresExecutor(url: string): Promise<SqlExecutor> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  const self: SqlExecutor = {
    async query<T>(sql: string, params?: unknown[]) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async transaction(fn) {
      await client.query('BEGIN');
      try {
        const result = await fn(self);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    },
    async withMigrationLock(fn) {
      await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK]);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK]);
      }
    },
    close: () => client.end(),
  };
  return self;
}
