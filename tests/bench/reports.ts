// npm run bench:reports — times the report and dashboard services, and the everyday reads (member
// search, loan with schedule, a 60-member collection sheet, sign-in) on the data already in the
// configured database (generate it first: npm run db:generate -- --scale=province). Prints median
// and p95 of N runs per case and, for report and dashboard cases, the ratio to the case's own floor:
// the best single SQL statement over the app's tables, snapshot tables included, computing the same
// figures (tests/bench/floors.ts), measured just before the case and checked to give the service's
// totals (issue 23 §1; target ≤ 2). Writes the table as JSON to bench-results/<date>-reports.json. Options: --runs=30. It runs with the production
// server's heap limit (--max-old-space-size=1024, as lib/cli/start.ts starts it), so the export's
// peak memory is the server's. The export cases (issue 23 §6: the members XLSX export, time and peak
// memory; the province dashboard while that export runs in the same process, as a server would
// serve it) run alone with --only=export.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
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
import { floorFigures, floorMismatches, serviceTotals } from './floors';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 30);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

interface Result {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** p95 over the p95 of the case's floor (report and dashboard cases). */
  floorRatio: number | null;
  peakRssMb?: number;
  note?: string;
}
const results: Result[] = [];

async function timeRuns(fn: (run: number) => Promise<unknown>): Promise<number[]> {
  await fn(-1); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

function record(name: string, times: number[], floorP95: number | null, note?: string) {
  const p95 = percentile(times, 95);
  const result: Result = {
    name, runs: times.length, medianMs: Math.round(percentile(times, 50)), p95Ms: Math.round(p95),
    floorRatio: floorP95 ? Math.round((p95 / floorP95) * 100) / 100 : null, ...(note ? { note } : {}),
  };
  results.push(result);
  console.log(`| ${name} | ${result.runs} | ${result.medianMs} | ${result.p95Ms} | ${result.floorRatio ?? '—'} |`);
}

const measure = async (name: string, fn: (run: number) => Promise<unknown>) => record(name, await timeRuns(fn), null);

/**
 * A report case and its floor, in turns (floor, case, floor, case …) so that the machine's load
 * falls on both alike; the floor's totals must equal the service's, or the ratio means nothing.
 */
async function measureReport(
  name: string, area: { path: string; from: string; to: string; dashboard: boolean }, fn: () => Promise<Parameters<typeof serviceTotals>[0]>,
) {
  const floor = () => floorFigures(area.path, area.from, area.to, { withTrend: area.dashboard });
  const mismatches = floorMismatches(await floor(), serviceTotals(await fn()));
  const floorTimes: number[] = [];
  const caseTimes: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    for (const [times, work] of [[floorTimes, floor], [caseTimes, fn]] as const) {
      const start = performance.now();
      await work();
      times.push(performance.now() - start);
    }
  }
  const floorP95 = percentile(floorTimes, 95);
  record(`  floor: one SQL statement over the snapshot tables, same figures${area.dashboard ? ' + 24-month trend' : ''}`, floorTimes, null,
    mismatches.length ? `differs: ${mismatches.join('; ')}` : 'same totals as the service');
  if (mismatches.length) console.log(`|   ⚠ the floor differs from the service: ${mismatches.join('; ')} | | | | |`);
  record(name, caseTimes, floorP95);
}

async function main() {
  const province = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const district = await db.orgUnit.findFirst({ where: { code: 'GD001' } });
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
  await measureDashboardDuringExport(province);
  if (process.argv.includes('--only=export')) return finish(target, counts[0]!, today);
  await measure('member search "nguyen thi hoa" (province)', () => listMembers(province, { q: 'nguyen thi hoa' }));
  await measure('loan detail with schedule', () => getLoan(province, loan.id));
  await measure('collection sheet load (largest group)', () => getCollectionSheet(province, largest!.id, monthOf(today)));
  // Each run from its own address, so the sign-in throttle does not count them together.
  await measure('sign-in (password check)', (run) => authenticate({ username: 'tinh', password: 'Demo@2026', address: `bench-${run}` }));
  const ofProvince = { path: province.orgUnitPath, ...period, dashboard: false };
  if (district) {
    const ofDistrict = { path: district.path, ...period, dashboard: false };
    await measureReport('summary report, district, year to date', ofDistrict, () => summaryReport(province, { ...period, orgUnitId: district.id }));
    await measureReport('district dashboard (server)', { ...ofDistrict, dashboard: true }, async () => (await unitDashboard(province, { orgUnitId: district.id })).summary);
  }
  await measureReport('summary report, province, year to date', ofProvince, () => summaryReport(province, period));
  await measureReport('province dashboard (server)', { ...ofProvince, dashboard: true }, async () => (await unitDashboard(province)).summary);
  if (await db.orgUnit.findFirst({ where: { code: 'GX01-C001' } })) await measureCountry(today);
  await finish(target, counts[0]!, today);
}

/**
 * Country scale (issue 23 §3; db:generate --scale=country): the central union's dashboard, a
 * commune's, and the 2025 year-end summary of the whole country across the reorganisation, each
 * with its floor; the province cases above are a province of about a hundred communes.
 */
async function measureCountry(today: Date) {
  const central = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tw.lanhdao' } })).id))!;
  const commune = await db.orgUnit.findFirstOrThrow({ where: { code: 'GX01-C001' } });
  const period = { from: `${today.getUTCFullYear()}-01-01`, to: isoDate(today) };
  const ofCountry = { path: central.orgUnitPath, ...period, dashboard: true };
  await measureReport('central dashboard (34 provinces, server)', ofCountry, async () => (await unitDashboard(central)).summary);
  await measureReport('commune dashboard (server)', { path: commune.path, ...period, dashboard: true },
    async () => (await unitDashboard(central, { orgUnitId: commune.id })).summary);
  await measure('member search "nguyen thi hoa" (whole country)', () => listMembers(central, { q: 'nguyen thi hoa' }));
  // The year-end reads each loan's overdue on 31/12/2025 from the kept month end (db:generate keeps
  // it, as the nightly job would); without it every loan open that day is replayed by the loan
  // engine (minutes at full country scale), which --skip=year-end leaves out.
  const year2025 = { from: '2025-01-01', to: '2025-12-31' };
  const kept = await db.monthEndClose.findFirst({ where: { monthEnd: new Date(`${year2025.to}T00:00:00Z`), status: 'DONE' } });
  if (!kept) console.log(`(31/12/2025 is not a kept month end: npm run loans:month-ends -- --from=2025-12 --to=2025-12)`);
  if (process.argv.includes('--skip=year-end')) return;
  await measureReport('2025 year-end summary, whole country, across the reorganisation', { path: central.orgUnitPath, ...year2025, dashboard: false },
    () => summaryReport(central, year2025));
}

async function finish(target: string, counts: { loans: bigint; rows: bigint }, today: Date) {
  const dir = path.resolve('bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${isoDate(today)}-reports.json`);
  const record = {
    date: new Date().toISOString(), database: target, loans: Number(counts.loans), postings: Number(counts.rows),
    node: process.version, results,
  };
  writeFileSync(file, JSON.stringify(record, null, 2));
  console.log(`\nWritten ${path.relative(process.cwd(), file)}`);
  await closeDb();
}

/** The members register as XLSX, drained as a download is; its bytes. */
async function drainMembersExport(actor: Actor): Promise<number> {
  let bytes = 0;
  for await (const chunk of (await exportRegister(actor, 'members', 'xlsx')).stream as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  return bytes;
}

/** The longest the event loop was held (ms) while `work` ran: how long a request arriving then could wait to start. */
async function withLoopDelay<T>(work: () => Promise<T>): Promise<{ value: T; maxDelayMs: number; p99DelayMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const value = await work();
  histogram.disable();
  return { value, maxDelayMs: Math.round(histogram.max / 1e6), p99DelayMs: Math.round(histogram.percentile(99) / 1e6) };
}

/** The members register as XLSX (a province: 100,000 rows), drained as a download is: time and peak RSS. */
async function measureExport(actor: Actor) {
  const rows = await db.member.count({ where: { orgUnit: { path: { startsWith: actor.orgUnitPath } } } });
  const startRss = process.memoryUsage().rss;
  let peak = startRss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  const { value: bytes, maxDelayMs } = await withLoopDelay(() => drainMembersExport(actor));
  const ms = Math.round(performance.now() - start);
  clearInterval(sampler);
  const peakRssMb = Math.round(peak / 1024 / 1024);
  const note = `${rows} rows, ${Math.round(bytes / 1024 / 1024)} MB`;
  const startRssMb = Math.round(startRss / 1024 / 1024);
  results.push({
    name: 'XLSX export of the members register', runs: 1, medianMs: ms, p95Ms: ms, floorRatio: null, peakRssMb,
    note: `${note}; RSS before ${startRssMb} MB; event loop held at most ${maxDelayMs} ms`,
  });
  console.log(`| XLSX export of the members register (${note}; RSS ${startRssMb} MB before, peak ${peakRssMb} MB; loop held ≤ ${maxDelayMs} ms) | 1 | ${ms} | ${ms} | — |`);
}

/**
 * Issue 23 §6: the province dashboard timed alone, then again and again, one request after another,
 * while the members XLSX export runs in the same process (a server exporting and serving at once).
 * The "during" p95 next to the quiet one is what a user opening the dashboard during an export sees.
 */
async function measureDashboardDuringExport(actor: Actor) {
  const dashboard = () => unitDashboard(actor);
  record('province dashboard, quiet (no export running)', await timeRuns(dashboard), null);
  const during: number[] = [];
  let exporting = true;
  const start = performance.now();
  const { maxDelayMs, p99DelayMs } = await withLoopDelay(async () => {
    const exported = drainMembersExport(actor).finally(() => (exporting = false));
    while (exporting) {
      const started = performance.now();
      await dashboard();
      during.push(performance.now() - started);
    }
    await exported;
  });
  const exportMs = Math.round(performance.now() - start);
  record('province dashboard during a members XLSX export', during, null,
    `${during.length} requests back to back while the export ran (${exportMs} ms); event loop held at most ${maxDelayMs} ms (p99 ${p99DelayMs} ms)`);
  console.log(`|   the export meanwhile: ${exportMs} ms; event loop held at most ${maxDelayMs} ms (p99 ${p99DelayMs} ms) | | | | |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
