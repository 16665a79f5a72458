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
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { addMonths } from '@/lib/loans/engine/dates';
import { createMember, recordConsent } from '@/lib/members';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { openSavingsAccount } from '@/lib/savings';
import { getCollectionSheet, saveCollectionSheet } from '@/lib/collections';
import { benchAtScale } from './at-scale';

// npm run bench — measures the cases of the benchmark harness on the embedded database (PGlite in
// memory) and prints a Markdown table; JSON goes to bench-results/<date>.json. Today's cases:
// importing 20,000 members (target ≤ 60 s), exporting them to XLSX (time and peak memory), and
// saving a 60-member collection sheet (target ≤ 500 ms). With --scale=demo|province|national
// [--db=pglite|postgres] it first generates that scale into a fresh database and times the reports
// and dashboards on it (at-scale.ts; JSON in bench-results/<date>-reports.json).

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

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];

async function main() {
  const scale = option('scale');
  if (scale) benchAtScale(scale, option('db') ?? (process.env.DATABASE_URL ? 'postgres' : 'pglite'), option('runs') ?? '30');
  process.env.PGLITE_DIR = MEMORY_PGLITE;
  delete process.env.DATABASE_URL;
  await applyMigrations(pgliteExecutor(getPglite(), { closeOnDone: false }));
  await seedDemoData();
  const results: CaseResult[] = [];
  if (!process.argv.includes('--only=sheet')) results.push(...(await benchImportExport()));
  results.push(await benchSheetSave());
  report(results);
  await closeDb();
}

/** Importing 20,000 members (new, then the same file again) and exporting them to XLSX. */
async function benchImportExport(): Promise<CaseResult[]> {
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
  return results;
}

function report(results: CaseResult[]) {
  clearInterval(sampler);
  console.log('\n| case | runs | median | target | peak RSS | note |\n|---|---|---|---|---|---|');
  for (const r of results) console.log(`| ${r.name} | ${r.runs} | ${(r.medianMs / 1000).toFixed(2)} s | ${r.target} | ${r.peakRssMb} MB | ${r.note} |`);
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file2 = path.join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
  writeFileSync(file2, JSON.stringify({ date: new Date().toISOString(), database: 'pglite (memory)', node: process.version, results }, null, 2));
  console.log(`\nWritten ${path.relative(process.cwd(), file2)}`);
}

/** Saving a 60-member collection sheet (every member with a loan and a savings account). */
async function benchSheetSave(): Promise<CaseResult> {
  const officerUser = await db.user.findUniqueOrThrow({ where: { username: 'xa.yk' } });
  const approverUser = await db.user.findUniqueOrThrow({ where: { username: 'tinh' } });
  const officer = (await loadActor(officerUser.id))!;
  const approver = (await loadActor(approverUser.id))!;
  const commune = await db.orgUnit.findUniqueOrThrow({ where: { code: 'NB-YK' } });
  const group = await db.group.create({ data: { orgUnitId: commune.id, code: 'BENCH-60', name: 'Tổ đo 60', programmeKind: 'VBSP', meetingDay: 10 } });
  const hn = await db.programme.findUniqueOrThrow({ where: { code: 'HN' } });
  const scheme = await db.savingsScheme.findUniqueOrThrow({ where: { code: 'TKTV' } });
  const today = todayInVietnam();
  const start = isoDate(addMonths(today, -3));
  const lastMonth = isoDate(addMonths(today, -1)).slice(0, 7);
  for (let i = 0; i < 60; i++) {
    const member = await createMember(officer, {
      orgUnitId: commune.id, groupId: group.id, fullName: `Thành viên đo ${i}`, gender: 'FEMALE', birthYear: 1982,
      nationalId: makeNationalId('002', 'FEMALE', 1982, i), householdCategory: 'POOR', joinedAt: start,
    });
    for (const purpose of ['LENDING_SAVINGS', 'BANK_SHARING'] as const) await recordConsent(officer, member.id, { purpose, action: 'GIVEN', date: start, reference: `PĐY-ĐO-${i}` });
    const loan = await applyForLoan(officer, { memberId: member.id, programmeId: hn.id, amount: '10.000.000', termMonths: 24, purpose: 'Đo', appliedAt: start });
    await approveLoan(approver, loan.id, { decidedAt: start });
    await disburseLoan(officer, loan.id, { date: start });
    await openSavingsAccount(officer, { memberId: member.id, schemeId: scheme.id, openedAt: start });
  }
  const sheet = await getCollectionSheet(officer, group.id, lastMonth);
  const rows = sheet.rows.map((r) => ({
    memberId: r.member.id, attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((a) => ({ accountId: a.accountId, amount: a.expected.toString() })),
  }));
  // Saved 30 times: between runs the sheet and its postings are removed, so each run does the same work.
  const times: number[] = [];
  let peak = 0;
  for (let run = 0; run < 30; run++) {
    const saved = await timed(() => saveCollectionSheet(officer, group.id, { month: lastMonth, rows }));
    if (saved.value.rows.length !== 60) throw new Error(`sheet saved ${saved.value.rows.length} rows`);
    times.push(saved.ms);
    peak = Math.max(peak, saved.peakRssMb);
    await undoSheet(group.id);
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.ceil(times.length * 0.95) - 1]!;
  return { name: 'save a 60-member collection sheet', runs: times.length, medianMs: times[Math.floor(times.length / 2)]!, target: '≤ 500 ms', peakRssMb: peak, note: `p95 ${Math.round(p95)} ms` };
}

/** Removes a benchmark group's saved sheet and the postings it made (benchmark data only). */
async function undoSheet(groupId: string) {
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`DELETE FROM "CollectionSheetRow" WHERE "sheetId" IN (SELECT "id" FROM "CollectionSheet" WHERE "groupId" = ${groupId}::uuid)`;
    await tx.$executeRaw`DELETE FROM "CollectionSheet" WHERE "groupId" = ${groupId}::uuid`;
    await tx.$executeRaw`DELETE FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "loanId" IN (SELECT "id" FROM "Loan" WHERE "groupId" = ${groupId}::uuid)`;
    await tx.$executeRaw`DELETE FROM "SavingsTransaction" WHERE "accountId" IN (SELECT a."id" FROM "SavingsAccount" a JOIN "Member" m ON m."id" = a."memberId" WHERE m."groupId" = ${groupId}::uuid)`;
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
