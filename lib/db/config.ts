import path from 'node:path';

/** Which database this process uses: the embedded PGlite folder, or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: 'pglite'; dir: string }
  | { kind: 'postgres'; url: string };

/** In-memory PGlite, used by service tests (one database per test file). */
export const MEMORY_PGLITE = 'memory://';

export function databaseTarget(env: NodeJS.ProcessEnv = process.env): DatabaseTarget {
  const url = env.DATABASE_URL?.trim();
  if (url && /^postgres(ql)?:\/\//.test(url) && !url.includes('placeholder@')) {
    return { kind: 'postgres', url };
  }
  const dir = env.PGLITE_DIR?.trim() || 'data';
  return { kind: 'pglite', dir: dir === MEMORY_PGLITE ? dir : path.resolve(/*turbopackIgnore: true*/ dir) };
}

/**
 * The PostgreSQL role that owns the schema, for migrations and restores (decision 020). With it set,
 * DATABASE_URL names the runtime role the server uses, which owns nothing.
 */
export function ownerDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.DATABASE_OWNER_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) ? url : null;
}

/**
 * The streaming replica reports, dashboards and exports read from (decision 021), or null: unset, not
 * a PostgreSQL URL, or the primary is the embedded database (PGlite has no replicas).
 */
export function replicaDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.DATABASE_REPLICA_URL?.trim();
  return url && /^postgres(ql)?:\/\//.test(url) && databaseTarget(env).kind === 'postgres' ? url : null;
}

/** host:port/database of a PostgreSQL URL, without credentials, for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** PGlite's own files live in a subfolder, so the folder can also hold the lock and backups. */
export function pgliteDataDir(dir: string): string {
  return dir === MEMORY_PGLITE ? dir : path.join(/*turbopackIgnore: true*/ dir, 'pgdata');
}
