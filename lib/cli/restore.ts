import { restoreDatabase } from '@/lib/db/backup';
import { StartupError } from '@/lib/db/startup-error';
import { runCli } from './run';

// npm run db:restore FILE — replaces the configured database with a backup made by db:backup
// (PGlite: stop the app first; the previous folder is kept as pgdata.before-restore-<time>).
runCli(async () => {
  const file = process.argv[2];
  if (!file) throw new StartupError('Cách dùng (usage): npm run db:restore -- FILE');
  const what = await restoreDatabase(file);
  console.log(`Đã khôi phục ${what} từ ${file} (restored). Khởi động lại ứng dụng (restart the app).`);
});
