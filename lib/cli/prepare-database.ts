import { describePostgresUrl, ownerDatabaseUrl, replicaDatabaseUrl } from '@/lib/db/config';
import { applyMigrations, MigrationError } from '@/lib/db/migrate';
import { openDatabase, openOwnerDatabase } from '@/lib/db/open-database';
import { probeReplica } from '@/lib/db/replica';
import { grantRuntimeRole, runtimeRoleName } from '@/lib/db/runtime-role';
import type { SqlExecutor } from '@/lib/db/sql-executor';
import { StartupError } from '@/lib/db/startup-error';
import { DEFAULT_DEMO_PASSWORD, isEmpty, seedDemoData } from '@/prisma/seed';

/**
 * Applies pending migrations — as the owner role when DATABASE_OWNER_URL is set, then granting the
 * runtime role of DATABASE_URL what it needs (decision 020) — then opens the database the server
 * uses and, on a fresh installation, loads the demo data. Leaves that database open (and locked,
 * for PGlite) for the caller to close.
 */
export async function prepareDatabase({ seed }: { seed: boolean }) {
  const ownerUrl = ownerDatabaseUrl();
  if (ownerUrl) await migrateAsOwner(ownerUrl);
  const database = await openDatabase();
  if (!ownerUrl) {
    try {
      await logApplied(await applyMigrations(database.sql));
      if (database.target.kind === 'postgres') await warnIfOwner(database.sql);
    } catch (error) {
      await database.close();
      database.release();
      throw error instanceof MigrationError ? new StartupError(error.message) : error;
    }
  }
  await logReplica();
  const seeded = seed && (await isEmpty());
  if (seeded) {
    const logins = await seedDemoData(process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
    console.log('Đã nạp dữ liệu mẫu. Tài khoản demo (demo logins):');
    for (const login of logins) {
      console.log(`  ${login.username.padEnd(10)} ${login.password}  ${login.role.padEnd(17)} ${login.unitCode}`);
    }
  }
  return { database, seeded };
}

async function migrateAsOwner(ownerUrl: string): Promise<void> {
  const runtimeUrl = process.env.DATABASE_URL?.trim();
  if (!runtimeUrl) throw new StartupError('DATABASE_OWNER_URL cần đi cùng DATABASE_URL của vai trò chạy ứng dụng (DATABASE_OWNER_URL needs DATABASE_URL).');
  const owner = await openOwnerDatabase(ownerUrl);
  try {
    await logApplied(await applyMigrations(owner));
    await grantRuntimeRole(owner, runtimeRoleName(runtimeUrl));
  } catch (error) {
    throw error instanceof MigrationError ? new StartupError(error.message) : error;
  } finally {
    await owner.close();
  }
}

/** One line about the replica reports will read (decision 021); a replica that is down never stops the start. */
async function logReplica(): Promise<void> {
  if (!process.env.DATABASE_REPLICA_URL?.trim()) return;
  const url = replicaDatabaseUrl();
  if (!url) {
    console.log('Lưu ý: bỏ qua DATABASE_REPLICA_URL — bản sao chỉ dùng với PostgreSQL (DATABASE_URL) (ignored: a replica needs DATABASE_URL on PostgreSQL).');
    return;
  }
  const where = describePostgresUrl(url);
  try {
    const replica = await probeReplica(url);
    console.log(replica.inRecovery
      ? `Báo cáo, bảng điều khiển và tệp xuất đọc từ bản sao ${where} (reports read the streaming replica).`
      : `Lưu ý: ${where} không phải bản sao đang nhận WAL (not a standby: pg_is_in_recovery() is false); báo cáo vẫn đọc từ đó.`);
  } catch (error) {
    console.log(`Lưu ý: chưa kết nối được bản sao ${where} (cannot reach the replica: ${(error as Error).message}); báo cáo đọc từ máy chủ chính đến khi kết nối được.`);
  }
}

async function logApplied(names: string[]): Promise<void> {
  for (const name of names) console.log(`Đã áp dụng migration ${name}`);
}

/** One line when the server would run as the schema's owner (the single-role setup still works). */
async function warnIfOwner(sql: SqlExecutor): Promise<void> {
  const [row] = await sql.query<{ owner: boolean }>(
    `SELECT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = '"AuditLog"'::regclass), 'MEMBER') AS owner`,
  );
  if (row?.owner) {
    console.log('Lưu ý: DATABASE_URL là vai trò sở hữu dữ liệu; đặt DATABASE_OWNER_URL và chạy npm run db:roles để máy chủ không sửa được nhật ký (README, "Vai trò PostgreSQL").');
  }
}
