// npm run bench:imports [-- --db=pglite|postgres] [--scale=0.1] [--csv|--xlsx] — a district's history
// through the documented imports: 20,000 members, 10,000 disbursed loans, 50,000 repayments and
// 50,000 savings movements (times --scale), each kind one file, imported into a fresh database,
// and prints rows per second per kind (target ≥ 2,000 rows/s on both databases) with the time of
// each phase (reading the file, validating, writing). --db=postgres creates a database of its own
// on the server of DATABASE_URL and drops it afterwards; --db=pglite (the default) runs in memory.
// --principal-only imports the repayments with the principal column alone (the ledger adds the interest).
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { closeDb, getPglite } from '@/lib/db/client';
import { MEMORY_PGLITE } from '@/lib/db/config';
import { applyMigrations } from '@/lib/db/migrate';
import { pgliteExecutor, postgresExecutor } from '@/lib/db/sql-executor';
import { runImport, type ImportProgress } from '@/lib/imports/run-import';
import { importKind } from '@/lib/imports/kinds/registry';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeCsv } from '@/lib/imports/write-csv';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import type { Actor } from '@/lib/auth/actor';
import { createBenchWorld, FULL_SIZES, loanRows, memberRows, repaymentRows, savingsRows, type ImportBenchSizes } from './import-files';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

interface KindResult {
  kind: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  /** CPU time of this process (on the embedded database, the database's work too): what the load of other processes does not inflate. */
  cpuSeconds: number;
  phases: Record<string, number>;
  created: number;
}

async function openDatabase(kind: string): Promise<() => Promise<void>> {
  if (kind === 'pglite') {
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DIR = MEMORY_PGLITE;
    await applyMigrations(pgliteExecutor(getPglite(), { closeOnDone: false }));
    return closeDb;
  }
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error('--db=postgres needs DATABASE_URL naming a PostgreSQL server (a database of its own is created there and dropped after)');
  const name = `bench_imports_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  const executor = await postgresExecutor(process.env.DATABASE_URL);
  await applyMigrations(executor);
  await executor.close();
  return async () => {
    await closeDb();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
}

async function timeImport(actor: Actor, kind: string, rows: Record<string, string>[], format: 'csv' | 'xlsx'): Promise<KindResult> {
  const spec = importKind(kind).spec;
  const data = await streamToBuffer(format === 'csv' ? writeCsv(spec, rows) : writeXlsx(spec, rows));
  const phases: Record<string, number> = {};
  let phase = 'start';
  let mark = performance.now();
  const onProgress = (p: ImportProgress) => {
    if (p.phase === phase) return;
    const now = performance.now();
    phases[phase] = (now - mark) / 1000;
    phase = p.phase;
    mark = now;
  };
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await runImport(actor, kind, { fileName: `${kind}.${format}`, data }, { dryRun: false, locale: 'vi', onProgress });
  const end = performance.now();
  phases[phase] = (end - mark) / 1000;
  delete phases.start;
  if (!result.ok) throw new Error(`${kind}: ${result.issues.length} problems, first: ${JSON.stringify(result.issues.slice(0, 3))}`);
  const seconds = (end - start) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  return { kind, rows: rows.length, seconds, rowsPerSecond: Math.round(rows.length / seconds), cpuSeconds, phases, created: result.created };
}

async function main() {
  const database = option('db') ?? 'pglite';
  if (database !== 'pglite' && database !== 'postgres') throw new Error(`--db must be pglite or postgres (got ${database})`);
  const scale = Number(option('scale') ?? 1);
  const sizes = Object.fromEntries(Object.entries(FULL_SIZES).map(([k, v]) => [k, Math.max(1, Math.round(v * scale))])) as unknown as ImportBenchSizes;
  const format = process.argv.includes('--xlsx') ? 'xlsx' : 'csv';
  const close = await openDatabase(database);
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');
  const results: KindResult[] = [];
  try {
    const { admin, communeCodes } = await createBenchWorld(sizes);
    const files: [string, () => Promise<Record<string, string>[]> | Record<string, string>[]][] = [
      ['members', () => memberRows(sizes, communeCodes)],
      ['loans', () => loanRows(sizes, communeCodes)],
      ['repayments', () => repaymentRows(sizes, { principalOnly: process.argv.includes('--principal-only') })],
      ['savings', () => savingsRows(sizes, communeCodes)],
    ];
    for (const [kind, rows] of files) {
      const result = await timeImport(admin, kind, await rows(), format);
      results.push(result);
      console.log(`${kind}: ${result.rows} rows in ${result.seconds.toFixed(1)} s = ${result.rowsPerSecond} rows/s`, result.phases);
    }
  } finally {
    await close();
  }
  console.log(`\nImports on ${database} (${format}), load average before: ${load}, after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  console.log('| kind | rows | time | rows/s | target | reading / validating / writing | CPU of this process (rows per CPU second) |\n|---|---|---|---|---|---|---|');
  for (const r of results) {
    const p = ['reading', 'validating', 'writing'].map((k) => `${(r.phases[k] ?? 0).toFixed(1)} s`).join(' / ');
    const cpu = `${r.cpuSeconds.toFixed(1)} s (${Math.round(r.rows / r.cpuSeconds)})`;
    console.log(`| ${r.kind} | ${r.rows} | ${r.seconds.toFixed(1)} s | ${r.rowsPerSecond} | ≥ 2,000 ${r.rowsPerSecond >= 2000 ? '✓' : '✗'} | ${p} | ${cpu} |`);
  }
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${new Date().toISOString().slice(0, 10)}-imports-${database}.json`);
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), database, format, scale, load, node: process.version, results }, null, 2));
  console.log(`\nWritten ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
