import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, DEFAULT_MIGRATIONS_DIR } from '@/lib/db/migrate';
import { newPglite } from '@/lib/db/pglite';
import { pgliteExecutor } from '@/lib/db/sql-executor';
import { StartupError } from '@/lib/db/startup-error';
import { binPath } from './build';
import { runCli } from './run';

// npm run db:migration:new -- <name> — writes prisma/migrations/<timestamp>_<name>/migration.sql
// from the difference between the schema as of the last migration (a snapshot kept beside the
// migrations) and prisma/schema.prisma. Offline: Prisma's schema engine runs as WebAssembly and
// diffs two datamodels, so no database or shadow database is needed (`prisma migrate dev` fails
// on a PGlite shadow database once migrations exist: see docs/decisions/001-data-layer.md).
// The new migration is then checked by applying every migration to a fresh in-memory PGlite.

const SCHEMA = path.join('prisma', 'schema.prisma');
const SNAPSHOT = path.join(DEFAULT_MIGRATIONS_DIR, 'schema-at-last-migration.prisma');

runCli(async () => {
  const name = process.argv[2]?.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_');
  if (!name) throw new StartupError('Usage: npm run db:migration:new -- <name>');
  const from = existsSync(SNAPSHOT) ? ['--from-schema-datamodel', SNAPSHOT] : ['--from-empty'];
  const diff = spawnSync(
    process.execPath,
    [binPath('prisma', 'build/index.js'), 'migrate', 'diff', ...from, '--to-schema-datamodel', SCHEMA, '--script'],
    { encoding: 'utf8' },
  );
  if (diff.status !== 0) throw new StartupError(`prisma migrate diff failed: ${diff.stderr}`);
  const sql = diff.stdout.trim();
  if (!sql || sql === '-- This is an empty migration.') {
    console.log('The schema has not changed since the last migration; nothing written.');
    return;
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = path.join(DEFAULT_MIGRATIONS_DIR, `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
  copyFileSync(SCHEMA, SNAPSHOT);
  const check = pgliteExecutor(newPglite());
  try {
    await applyMigrations(check);
  } finally {
    await check.close();
  }
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql (checked on a fresh database).`);
});
