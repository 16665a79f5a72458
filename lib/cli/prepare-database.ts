import { applyMigrations, MigrationError } from '@/lib/db/migrate';
import { openDatabase } from '@/lib/db/open-database';
import { StartupError } from '@/lib/db/startup-error';
import { DEFAULT_DEMO_PASSWORD, isEmpty, seedDemoData } from '@/prisma/seed';

/**
 * Opens the database, applies pending migrations and, on a fresh installation, loads the demo
 * data. Leaves the database open (and locked, for PGlite) for the caller to close.
 */
export async function prepareDatabase({ seed }: { seed: boolean }) {
  const database = await openDatabase();
  try {
    const applied = await applyMigrations(database.sql);
    for (const name of applied) console.log(`Đã áp dụng migration ${name}`);
  } catch (error) {
    await database.close();
    database.release();
    if (error instanceof MigrationError) throw new StartupError(error.message);
    throw error;
  }
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
