import { backupDatabase } from '@/lib/db/backup';
import { runCli } from './run';

// npm run db:backup [FILE] — backs up the configured database (PGlite: stop the app first; PostgreSQL:
// pg_dump while it runs). Default file: backup-<date>.tar.gz (PGlite) or backup-<date>.dump (PostgreSQL).
runCli(async () => {
  const postgres = Boolean(process.env.DATABASE_URL?.trim());
  const file = process.argv[2] ?? `backup-${new Date().toISOString().slice(0, 10)}.${postgres ? 'dump' : 'tar.gz'}`;
  const what = await backupDatabase(file);
  console.log(`Đã sao lưu ${what} vào ${file} (backup written).`);
});
