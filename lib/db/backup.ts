import { spawn } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { databaseTarget, describePostgresUrl, MEMORY_PGLITE, ownerDatabaseUrl, pgliteDataDir, type DatabaseTarget } from './config';
import { lockDataFolder } from './folder-lock';
import { newPglite } from './pglite';
import { StartupError } from './startup-error';

// Backups of either database. The embedded one is copied as a compressed archive of its data folder
// (PGlite's own dump of a consistent, closed-for-writing folder, so the app must be stopped: the
// folder lock says so). PostgreSQL uses its own tools, pg_dump / pg_restore (custom format), which
// run while the app serves.

/** Writes a PGlite database (an open instance) to a .tar.gz file. */
export async function backupPglite(pg: PGlite, file: string): Promise<number> {
  const archive = await pg.dumpDataDir('gzip');
  const bytes = new Uint8Array(await archive.arrayBuffer());
  await writeFile(file, bytes);
  return bytes.length;
}

/** Opens a PGlite database from a backup archive, into `dataDir` (memory:// for a look without touching disk). */
export async function openPgliteBackup(file: string, dataDir: string): Promise<PGlite> {
  const archive = new Blob([new Uint8Array(await readFile(file))]);
  const pg = newPglite({ dataDir, loadDataDir: archive });
  await pg.waitReady;
  return pg;
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', (error) => reject(new StartupError(`${command} không chạy được (${command} could not run): ${error.message}. Cài gói postgresql-client.`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new StartupError(`${command} thất bại (${command} failed, exit ${code}): ${stderr.trim().split('\n').at(-1) ?? ''}`))));
  });
}

/** pg_dump of a PostgreSQL database to a custom-format file. */
export const backupPostgres = (url: string, file: string) => run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, url]);
/** pg_restore of a custom-format file over a PostgreSQL database (existing objects replaced). */
export const restorePostgres = (url: string, file: string) => run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${url}`, file]);

/** `npm run db:backup FILE`: the configured database to FILE. */
export async function backupDatabase(file: string, target: DatabaseTarget = databaseTarget()): Promise<string> {
  if (target.kind === 'postgres') {
    await backupPostgres(target.url, file);
    return `PostgreSQL ${describePostgresUrl(target.url)}`;
  }
  if (target.dir === MEMORY_PGLITE) throw new StartupError('PGLITE_DIR=memory:// không có gì để sao lưu (nothing to back up).');
  const release = lockDataFolder(target.dir);
  const pg = newPglite({ dataDir: pgliteDataDir(target.dir) });
  try {
    await backupPglite(pg, file);
  } finally {
    await pg.close();
    release();
  }
  return `PGlite ${target.dir}`;
}

/** `npm run db:restore FILE`: replaces the configured database with the backup (the old PGlite folder is kept aside). */
export async function restoreDatabase(file: string, target: DatabaseTarget = databaseTarget()): Promise<string> {
  if (!existsSync(file)) throw new StartupError(`Không thấy tệp ${file} (backup file not found).`);
  if (target.kind === 'postgres') {
    // Replacing tables is the owner's work; the runtime role may not drop or create anything.
    await restorePostgres(ownerDatabaseUrl() ?? target.url, file);
    return `PostgreSQL ${describePostgresUrl(target.url)}`;
  }
  if (target.dir === MEMORY_PGLITE) throw new StartupError('PGLITE_DIR=memory:// không khôi phục được (cannot restore into memory).');
  const release = lockDataFolder(target.dir);
  try {
    const dataDir = pgliteDataDir(target.dir);
    if (existsSync(dataDir)) renameSync(dataDir, `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    await (await openPgliteBackup(file, dataDir)).close();
  } finally {
    release();
  }
  return `PGlite ${target.dir}`;
}
