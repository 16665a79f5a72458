// npm run bench:reports — times the report and dashboard services, and the everyday reads (member
// search, loan with schedule, a 60-member collection sheet, sign-in) on the data already in the
// configured database (generate it first: npm run db:generate -- --scale=province). Prints median
// and p95 of N runs per case and, for report cases, the ratio to the "SQL floor" (one hand-written
// query for the outstanding by commune over the same postings, in the same run); writes the table
// as JSON to bench-results/<date>-reports.json. Options: --runs=30. It runs with the production
// server's heap limit (--max-old-space-size=1024, as lib/cli/start.ts starts it), so the export's
// peak memory is the server's.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Actor } from '@/lib/auth/actor';
import { authenticate } from '@/lib/auth/authenticate';
import { getCollectionSheet } from '@/lib/collections/get-collection-sheet';
import { getLoan } from '@/lib/loans';
import { exportRegister } from '@/lib/imports/export-register';
import { loadActor } from '@/lib/auth/load-actor';
import { isoDate, monthOf } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { closeDb, db } from '@/lib/db';
import { listMembers } from '@/lib/members';
import { summaryReport } from '@/lib/reports';
import { unitDashboard } from '@/lib/reports/dashboard';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 30);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

interface Result {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** p95 over the SQL floor's p95, for report cases. */
  floorRatio: number | null;
  peakRssMb?: number;
  note?: string;
}
const results: Result[] = [];
let floorP95: number | null = null;

async function measure(name: string, fn: (run: number) => Promise<unknown>, { report = false } = {}) {
  await fn(-1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  const p95 = percentile(times, 95);
  const result = {
    name, runs: RUNS, medianMs: Math.round(percentile(times, 50)), p95Ms: Math.round(p95),
    floorRatio: report && floorP95 ? Math.round((p95 / floorP95) * 100) / 100 : null,
  };
  floorP95 ??= result.p95Ms;
  results.push(result);
  console.log(`| ${name} | ${RUNS} | ${result.medianMs} | ${result.p95Ms} | ${result.floorRatio ?? '—'} |`);
}

async function main() {
  const province = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const district = await db.orgUnit.findFirstOrThrow({ where: { code: 'GD001' } });
  const today = todayInVietnam();
  const period = { from: `${today.getUTCFullYear()}-01-01`, to: isoDate(today) };
  const counts = await db.$queryRaw<{ loans: bigint; rows: bigint }[]>`SELECT (SELECT COUNT(*) FROM "Loan") AS loans, (SELECT COUNT(*) FROM "LoanTransaction") AS rows`;
  const target = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  // The largest generated group of the province (up to 60 members) and one of its loans.
  const [largest] = await db.$queryRaw<{ id: string }[]>`SELECT g."id" FROM "Group" g JOIN "Member" m ON m."groupId" = g."id"
    JOIN "OrgUnit" o ON o."id" = g."orgUnitId" AND o."path" LIKE ${`${province.orgUnitPath}%`}
    WHERE g."code" LIKE 'TK-%' GROUP BY g."id" ORDER BY COUNT(*) DESC, g."id" LIMIT 1`;
  const loan = await db.loan.findFirstOrThrow({ where: { groupId: largest!.id, status: 'DISBURSED' } });
  console.log(`Data: ${counts[0]!.loans} loans, ${counts[0]!.rows} loan postings. Target: ${target}.\n`);
  console.log('| case | runs | median ms | p95 ms | p95 / floor |');
  console.log('|---|---|---|---|---|');
  // First, while the process holds nothing else: its peak memory is the export's.
  await measureExport(province);
  await measure('SQL floor: outstanding by commune of the province (one query)', () => db.$queryRaw`
    SELECT l."orgUnitId", SUM(CASE WHEN t."kind" = 'DISBURSEMENT' THEN t."amount" WHEN t."kind" = 'REPAYMENT' THEN -t."principal" ELSE 0 END)
    FROM "LoanTransaction" t JOIN "Loan" l ON l."id" = t."loanId"
    JOIN "OrgUnit" o ON o."id" = l."orgUnitId" AND o."path" LIKE ${`${province.orgUnitPath}%`}
    WHERE t."reversedAt" IS NULL GROUP BY 1`);
  await measure('member search "nguyen thi hoa" (province)', () => listMembers(province, { q: 'nguyen thi hoa' }));
  await measure('loan detail with schedule', () => getLoan(province, loan.id));
  await measure('collection sheet load (largest group)', () => getCollectionSheet(province, largest!.id, monthOf(today)));
  // Each run from its own address, so the sign-in throttle does not count them together.
  await measure('sign-in (password check)', (run) => authenticate({ username: 'tinh', password: 'Demo@2026', address: `bench-${run}` }));
  await measure('summary report, district, year to date', () => summaryReport(province, { ...period, orgUnitId: district.id }), { report: true });
  await measure('district dashboard (server)', () => unitDashboard(province, { orgUnitId: district.id }), { report: true });
  await measure('summary report, province, year to date', () => summaryReport(province, period), { report: true });
  await measure('province dashboard (server)', () => unitDashboard(province), { report: true });
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${isoDate(today)}-reports.json`);
  const record = {
    date: new Date().toISOString(), database: target, loans: Number(counts[0]!.loans), postings: Number(counts[0]!.rows),
    node: process.version, results,
  };
  writeFileSync(file, JSON.stringify(record, null, 2));
  console.log(`\nWritten ${path.relative(process.cwd(), file)}`);
  await closeDb();
}

/** The members register as XLSX (a province: 100,000 rows), drained as a download is: time and peak RSS. */
async function measureExport(actor: Actor) {
  const rows = await db.member.count({ where: { orgUnit: { path: { startsWith: actor.orgUnitPath } } } });
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  let bytes = 0;
  for await (const chunk of (await exportRegister(actor, 'members', 'xlsx')).stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const ms = Math.round(performance.now() - start);
  clearInterval(sampler);
  const peakRssMb = Math.round(peak / 1024 / 1024);
  const note = `${rows} rows, ${Math.round(bytes / 1024 / 1024)} MB`;
  const startRssMb = Math.round(startRss / 1024 / 1024);
  results.push({ name: 'XLSX export of the members register', runs: 1, medianMs: ms, p95Ms: ms, floorRatio: null, peakRssMb, note: `${note}; RSS before ${startRssMb} MB` });
  console.log(`| XLSX export of the members register (${note}; RSS ${startRssMb} MB before, peak ${peakRssMb} MB) | 1 | ${ms} | ${ms} | — |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
