import { ownerDatabaseUrl } from '@/lib/db/config';
import { applyMigrations } from '@/lib/db/migrate';
import { openOwnerDatabase } from '@/lib/db/open-database';
import { ensureRuntimeRole, grantRuntimeRole, runtimeRoleName } from '@/lib/db/runtime-role';
import { StartupError } from '@/lib/db/startup-error';
import { runCli } from './run';

// npm run db:roles — the one-time PostgreSQL setup of decision 020, run with
//   DATABASE_OWNER_URL=postgresql://<owner>:…@host/db   (owns the schema; runs migrations)
//   DATABASE_URL=postgresql://<runtime role>:…@host/db  (what the server uses; owns nothing)
// Creates the runtime role if missing (with the password in DATABASE_URL), applies the migrations
// as the owner and grants the runtime role only what the application needs. `npm start` repeats
// the migrations and grants on every upgrade.
runCli(async () => {
  const ownerUrl = ownerDatabaseUrl();
  const runtimeUrl = process.env.DATABASE_URL?.trim();
  if (!ownerUrl || !runtimeUrl) {
    throw new StartupError('Cần cả DATABASE_OWNER_URL (vai trò sở hữu) và DATABASE_URL (vai trò chạy ứng dụng) (both variables are needed).');
  }
  const role = runtimeRoleName(runtimeUrl);
  const owner = await openOwnerDatabase(ownerUrl);
  try {
    const password = decodeURIComponent(new URL(runtimeUrl).password) || null;
    const created = await ensureRuntimeRole(owner, role, password);
    for (const name of await applyMigrations(owner)) console.log(`Đã áp dụng migration ${name}`);
    await grantRuntimeRole(owner, role);
    console.log(`${created === 'created' ? 'Đã tạo' : 'Đã có'} vai trò "${role}"; đã cấp quyền: đọc/ghi dữ liệu, nhật ký kiểm tra chỉ đọc và ghi thêm (runtime role ready).`);
  } finally {
    await owner.close();
  }
});
