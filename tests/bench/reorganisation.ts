// npm run bench:reorg — applies a province's 2025 reorganisation to the data already in the
// configured database (generate it first: npm run db:generate -- --scale=province) and times it:
// every generated district ends into the province and its communes merge three into one (200 old
// communes → 67 new ones, with 100 000 members, 120 000 loans and 1.5 million postings moving). It
// times the preview, the application (one transaction; target ≤ 2 minutes) and the province's
// reports before and after (target: as fast after as before), and checks that the year-to-date
// totals of the province did not change. Options: --runs=N (report timings, default 10).
import { performance } from 'node:perf_hooks';
import { loadActor } from '@/lib/auth/load-actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { closeDb, db } from '@/lib/db';
import { applyReorganisation, previewReorganisation, type ReorganisationInput } from '@/lib/org/reorganisation';
import { summaryReport } from '@/lib/reports';
import { unitDashboard } from '@/lib/reports/dashboard';
import { addDays } from '@/lib/loans/engine/dates';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 10);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function timeOnce<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: Math.round(performance.now() - start), value };
}

async function p95(fn: () => Promise<unknown>): Promise<{ median: number; p95: number }> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timeOnce(fn)).ms);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

async function main() {
  const admin = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'admin' } })).id))!;
  const province = await db.orgUnit.findUniqueOrThrow({ where: { id: admin.orgUnitId } });
  const districts = await db.orgUnit.findMany({ where: { parentId: province.id, level: 'DISTRICT', code: { startsWith: 'GD' } }, orderBy: { code: 'asc' } });
  const communes = await db.orgUnit.findMany({ where: { parentId: { in: districts.map((d) => d.id) }, level: 'COMMUNE' }, orderBy: { code: 'asc' } });
  if (communes.length === 0) throw new Error('No generated communes: run npm run db:generate -- --scale=province first.');
  // Effective at the start of this month: the generated ledger has postings on both sides of it.
  const today = todayInVietnam();
  const effectiveOn = isoDate(new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), 1)));
  const input: ReorganisationInput = {
    decisionNo: 'BENCH/NQ-UBTVQH15',
    decisionDate: isoDate(addDays(new Date(`${effectiveOn}T00:00:00Z`), -15)),
    effectiveOn,
    rows: [
      ...districts.map((d) => ({ oldCode: d.code, newCode: province.code, newName: province.name })),
      ...communes.map((c, i) => ({ oldCode: c.code, newCode: `XM${String(Math.floor(i / 3) + 1).padStart(3, '0')}`, newName: `Hội LHPN xã Mới ${Math.floor(i / 3) + 1}` })),
    ],
  };
  const period = { orgUnitId: province.id, from: `${today.getUTCFullYear()}-01-01`, to: isoDate(today) };
  const counts = await db.$queryRaw<{ members: bigint; loans: bigint; rows: bigint }[]>`
    SELECT (SELECT COUNT(*) FROM "Member") AS members, (SELECT COUNT(*) FROM "Loan") AS loans, (SELECT COUNT(*) FROM "LoanTransaction") AS rows`;
  console.log(`Data: ${counts[0]!.members} members, ${counts[0]!.loans} loans, ${counts[0]!.rows} postings; ${communes.length} communes of ${districts.length} districts → ${Math.ceil(communes.length / 3)}. Target: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}.\n`);

  const reportBefore = await p95(() => summaryReport(admin, period));
  const dashboardBefore = await p95(() => unitDashboard(admin));
  const totalsBefore = await summaryReport(admin, period);
  const preview = await timeOnce(() => previewReorganisation(admin, input));
  const applied = await timeOnce(() => applyReorganisation(admin, input));
  const reportAfter = await p95(() => summaryReport(admin, period));
  const dashboardAfter = await p95(() => unitDashboard(admin));
  const totalsAfter = await summaryReport(admin, period);
  const same = (['disbursed', 'principalRepaid', 'interestCollected', 'outstanding', 'overdue', 'savings', 'groups'] as const)
    .every((key) => JSON.stringify(totalsBefore[key], (_, v) => (typeof v === 'bigint' ? String(v) : v)) === JSON.stringify(totalsAfter[key], (_, v) => (typeof v === 'bigint' ? String(v) : v)));

  console.log('| case | median ms | p95 ms | target |');
  console.log('|---|---|---|---|');
  console.log(`| preview (plan of ${input.rows.length} rows) | ${preview.ms} | — | — |`);
  console.log(`| apply, one transaction (${applied.value.moved.members} members, ${applied.value.moved.loans} loans, ${applied.value.moved.savingsAccounts} savings accounts) | ${applied.ms} | — | ≤ 120000 |`);
  console.log(`| province summary, year to date: before | ${reportBefore.median} | ${reportBefore.p95} | — |`);
  console.log(`| province summary, year to date: after (restated) | ${reportAfter.median} | ${reportAfter.p95} | as before |`);
  console.log(`| province dashboard: before | ${dashboardBefore.median} | ${dashboardBefore.p95} | — |`);
  console.log(`| province dashboard: after | ${dashboardAfter.median} | ${dashboardAfter.p95} | as before |`);
  console.log(`\nYear-to-date figures of the province identical before and after: ${same ? 'yes' : 'NO'}.`);
  await closeDb();
  if (!same) process.exit(1);
}

main().catch(async (error) => {
  console.error(error);
  await closeDb();
  process.exit(1);
});
