import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeDb, getPglite } from '@/lib/db/client';
import { MEMORY_PGLITE } from '@/lib/db/config';
import { applyMigrations } from '@/lib/db/migrate';
import { pgliteExecutor } from '@/lib/db/sql-executor';
import { loadActor } from '@/lib/auth/load-actor';
import { db } from '@/lib/db';
import { runImport } from '@/lib/imports/run-import';
import { exportRegister } from '@/lib/imports/export-register';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeXlsx } from '@/lib/imports/write-xlsx';
import { writeCsv } from '@/lib/imports/write-csv';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { makeNationalId } from '@/lib/members/national-id';
import { seedDemoData } from '@/prisma/seed';

// npm run bench — measures the cases of the benchmark harness on the embedded database (PGlite in
// memory) and prints a Markdown table; JSON goes to bench-results/<date>.json. Today's cases:
// importing 20,000 members (target ≤ 60 s) and exporting them to XLSX (time and peak memory).

interface CaseResult {
  name: string;
  runs: number;
  medianMs: number;
  target: string;
  peakRssMb: number;
  note: string;
}

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T; peakRssMb: number }> {
  peakRss = process.memoryUsage().rss;
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value, peakRssMb: Math.round(peakRss / 1024 / 1024) };
}

async function main() {
  process.env.PGLITE_DIR = MEMORY_PGLITE;
  delete process.env.DATABASE_URL;
  await applyMigrations(pgliteExecutor(getPglite(), { closeOnDone: false }));
  await seedDemoData();
  const admin = await db.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const actor = (await loadActor(admin.id))!;
  const communes = await db.orgUnit.findMany({ where: { level: 'COMMUNE' } });
  for (const commune of communes) {
    await db.group.createMany({ data: Array.from({ length: 60 }, (_, i) => ({ orgUnitId: commune.id, code: `B${i}`, name: `Tổ ${i}`, programmeKind: 'VBSP' as const })) });
  }
  const rows = Array.from({ length: 20_000 }, (_, i) => {
    const commune = communes[i % communes.length]!;
    return {
      communeCode: commune.code, groupCode: `B${Math.floor(i / communes.length) % 60}`, code: '', fullName: `Nguyễn Thị Thử ${i}`, gender: 'Nữ',
      birthYear: '1980', nationalId: makeNationalId('001', 'FEMALE', 1980, i), phone: '0912345678', address: 'Xóm 1', householdCategory: 'Hộ nghèo',
      isUnionMember: 'Có', chapterCode: '', joinedAt: '01/01/2025', status: '', leftAt: '',
    };
  });
  const format = process.argv.includes('--csv') ? 'csv' : 'xlsx';
  const file = { fileName: `members.${format}`, data: await streamToBuffer(format === 'csv' ? writeCsv(MEMBER_SPEC, rows) : writeXlsx(MEMBER_SPEC, rows)) };
  const results: CaseResult[] = [];

  const first = await timed(() => runImport(actor, 'members', file, { dryRun: false, locale: 'vi' }));
  if (!first.value.ok || first.value.created !== 20_000) throw new Error(`import failed: ${JSON.stringify(first.value.issues.slice(0, 3))}`);
  results.push({ name: `import 20,000 members (${format}, new)`, runs: 1, medianMs: first.ms, target: '≤ 60 s', peakRssMb: first.peakRssMb, note: `${first.value.created} created` });
  const again = await timed(() => runImport(actor, 'members', file, { dryRun: false, locale: 'vi' }));
  results.push({ name: 'import the same 20,000 again', runs: 1, medianMs: again.ms, target: '≤ 60 s', peakRssMb: again.peakRssMb, note: `${again.value.unchanged} unchanged` });
  const exported = await timed(async () => (await streamToBuffer((await exportRegister(actor, 'members', 'xlsx')).stream)).length);
  results.push({ name: 'export 20,000 members to XLSX', runs: 1, medianMs: exported.ms, target: '—', peakRssMb: exported.peakRssMb, note: `${Math.round(exported.value / 1024)} KB` });

  clearInterval(sampler);
  console.log('\n| case | runs | median | target | peak RSS | note |\n|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.runs} | ${(r.medianMs / 1000).toFixed(2)} s | ${r.target} | ${r.peakRssMb} MB | ${r.note} |`);
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file2 = path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file2, JSON.stringify({ date: new Date().toISOString(), database: 'pglite (memory)', node: process.version, results }, null, 2));
  console.log(`\nWritten ${path.relative(process.cwd(), file2)}`);
  await closeDb();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
