import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// `npm run bench -- --scale=demo|province|national [--db=pglite|postgres] [--runs=N]`: generates the
// data of that scale into a fresh database — PostgreSQL at DATABASE_URL (an empty database), or an
// embedded one in a temporary folder — then times the report, dashboard and everyday cases on it
// (tests/bench/reports.ts, with the production server's heap limit). Full-page timings of the same
// pages in a browser: `npm run lighthouse` (with DATABASE_URL set to the same database).

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync('npm', ['run', '--silent', script, '--', ...args], { stdio: 'inherit', env });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status})`);
}

export function benchAtScale(scale: string, database: string, runs: string) {
  if (database !== 'pglite' && database !== 'postgres') throw new Error(`--db must be pglite or postgres (got ${database})`);
  if (database === 'postgres' && !process.env.DATABASE_URL) throw new Error('--db=postgres needs DATABASE_URL: an empty PostgreSQL database to fill');
  const folder = database === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'bench-')) : null;
  const env = { ...process.env, ...(folder ? { PGLITE_DIR: folder, DATABASE_URL: '' } : {}) };
  try {
    console.log(`\n## ${scale} scale on ${database === 'pglite' ? `the embedded database (${folder})` : 'PostgreSQL'}\n`);
    run('db:generate', [`--scale=${scale}`], env);
    run('bench:reports', [`--runs=${runs}`], env);
  } finally {
    if (folder) rmSync(folder, { recursive: true, force: true });
  }
}
