import { closeDb, getPglite } from './client';
import { databaseTarget, describePostgresUrl, MEMORY_PGLITE, type DatabaseTarget } from './config';
import { lockDataFolder } from './folder-lock';
import { pgliteExecutor, postgresExecutor, type SqlExecutor } from './sql-executor';
import { StartupError } from './startup-error';

export interface OpenDatabase {
  target: DatabaseTarget;
  sql: SqlExecutor;
  /** Closes the connection; the folder lock (PGlite) stays with the process until `release`. */
  close(): Promise<void>;
  release(): void;
}

/**
 * Opens the configured database for a command-line task (start, migrate, seed, backup), with a
 * clear one-sentence StartupError for the failures an operator can fix.
 */
export async function openDatabase(): Promise<OpenDatabase> {
  const target = databaseTarget();
  if (target.kind === 'postgres') {
    const sql = await connectPostgres(target.url, 'DATABASE_URL');
    return {
      target,
      sql,
      close: async () => {
        await sql.close();
        await closeDb();
      },
      release: () => {},
    };
  }
  const release = target.dir === MEMORY_PGLITE ? () => {} : lockDataFolder(target.dir);
  // The same PGlite instance as the Prisma client of this process: one folder, one instance.
  const client = getPglite();
  try {
    await client.waitReady;
  } catch (error) {
    release();
    throw new StartupError(
      `Không mở được cơ sở dữ liệu nhúng tại ${target.dir} (cannot open the embedded database: ${(error as Error).message}); khôi phục bản sao lưu hoặc đặt PGLITE_DIR khác.`,
    );
  }
  const sql = pgliteExecutor(client, { closeOnDone: false });
  return { target, sql, close: closeDb, release };
}

/** The owner role's connection (DATABASE_OWNER_URL), for migrations and grants. */
export const openOwnerDatabase = (url: string) => connectPostgres(url, 'DATABASE_OWNER_URL');

async function connectPostgres(url: string, variable: string): Promise<SqlExecutor> {
  try {
    return await postgresExecutor(url);
  } catch (error) {
    throw new StartupError(
      `Không kết nối được PostgreSQL tại ${describePostgresUrl(url)} (cannot reach PostgreSQL: ${(error as Error).message}); kiểm tra ${variable} và máy chủ.`,
    );
  }
}
