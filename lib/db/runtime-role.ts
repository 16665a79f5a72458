import type { SqlExecutor } from './sql-executor';
import { StartupError } from './startup-error';

// The server's PostgreSQL role owns nothing (decision 020): the owner runs migrations, then grants
// the runtime role what the application needs — reading and writing its tables, except the audit
// log and its hash chain, which it may only read and append to (the chain only through the
// database's own trigger). Without ownership it cannot alter, disable triggers on, truncate or
// drop anything, nor switch session_replication_role (superusers only).

// Append-only records: the audit log, its chain, the personal data access log (decision 025), members' consents (decision 024).
const AUDIT_TABLES = '"AuditLog", "AuditChainLink", "PersonalDataAccess", "MemberConsent"';

export function runtimeRoleName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).username);
  if (!/^[a-z_][a-z0-9_]{0,62}$/i.test(name)) {
    throw new StartupError(`DATABASE_URL phải ghi tên vai trò chạy ứng dụng, chữ không dấu, số, gạch dưới (DATABASE_URL must name the runtime role): "${name}".`);
  }
  return name;
}

const quoted = (role: string) => `"${role}"`;

/** What the runtime role may do; run by the owner after every migration (new tables included). */
export async function grantRuntimeRole(owner: SqlExecutor, role: string): Promise<void> {
  const [{ database }] = await owner.query<{ database: string }>('SELECT current_database() AS database');
  const r = quoted(role);
  await owner.exec(`
    GRANT CONNECT, TEMPORARY ON DATABASE "${database.replace(/"/g, '""')}" TO ${r};
    GRANT USAGE ON SCHEMA public TO ${r};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r};
    REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${AUDIT_TABLES} FROM ${r};
    REVOKE INSERT ON "AuditChainLink" FROM ${r};
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r};`);
  await assertOwnsNothing(owner, role);
}

/** Refuses a runtime role that could undo the protection: superuser, owner, or a member of the owner. */
export async function assertOwnsNothing(owner: SqlExecutor, role: string): Promise<void> {
  const [row] = await owner.query<{ superuser: boolean; bypassrls: boolean; owned: string; memberOfOwner: boolean }>(
    `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls,
       (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)::text AS owned,
       pg_has_role(r.oid, (SELECT relowner FROM pg_class WHERE oid = '"AuditLog"'::regclass), 'MEMBER') AS "memberOfOwner"
     FROM pg_roles r WHERE r.rolname = $1`,
    [role],
  );
  if (!row) throw new StartupError(`Không có vai trò PostgreSQL "${role}"; chạy npm run db:roles (the runtime role does not exist).`);
  if (row.superuser || row.bypassrls || row.owned !== '0' || row.memberOfOwner) {
    throw new StartupError(
      `Vai trò "${role}" trong DATABASE_URL sở hữu hoặc có quyền của chủ cơ sở dữ liệu; vai trò chạy ứng dụng phải không sở hữu gì (the runtime role must own nothing and not be a superuser or a member of the owner).`,
    );
  }
}

/** Creates the runtime login role if it is missing (the owner needs CREATEROLE; otherwise a DBA runs the printed SQL). */
export async function ensureRuntimeRole(owner: SqlExecutor, role: string, password: string | null): Promise<'created' | 'existed'> {
  const [exists] = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists) return 'existed';
  const withPassword = password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : '';
  const sql = `CREATE ROLE ${quoted(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOBYPASSRLS${withPassword}`;
  try {
    await owner.exec(sql);
  } catch (error) {
    throw new StartupError(
      `Không tạo được vai trò "${role}" (${(error as Error).message}); nhờ quản trị PostgreSQL chạy: CREATE ROLE ${quoted(role)} LOGIN PASSWORD '…' NOSUPERUSER NOINHERIT;`,
    );
  }
  return 'created';
}
