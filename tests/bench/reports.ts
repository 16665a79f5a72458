// npm run bench:reports — times the report and dashboard services on the data already in the
// configured database (generate it first: npm run db:generate -- --scale=province). Prints median
// and p95 of N runs per case, and the "SQL floor": one hand-written query for the outstanding by
// commune over the same data, to compare the service with. Options: --runs=30.
import { performance } from 'node:perf_hooks';
import { loadActor } from '@/lib/auth/load-actor';
import { isoDate, todayInVietnam } from '@/lib/calendar/date-only';
import { closeDb, db } from '@/lib/db';
import { listMembers } from '@/lib/members';
import { summaryReport } from '@/lib/reports';
import { unitDashboard } from '@/lib/reports/dashboard';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 30);
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)]!;

async function measure(name: string, fn: () => Promise<unknown>) {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  console.log(`| ${name} | ${RUNS} | ${Math.round(percentile(times, 50))} | ${Math.round(percentile(times, 95))} |`);
}

async function main() {
  const province = (await loadActor((await db.user.findUniqueOrThrow({ where: { username: 'tinh' } })).id))!;
  const district = await db.orgUnit.findFirstOrThrow({ where: { code: 'GD001' } });
  const today = todayInVietnam();
  const period = { from: `${today.getUTCFullYear()}-01-01`, to: isoDate(today) };
  const counts = await db.$queryRaw<{ loans: bigint; rows: bigint }[]>`SELECT (SELECT COUNT(*) FROM "Loan") AS loans, (SELECT COUNT(*) FROM "LoanTransaction") AS rows`;
  console.log(`Data: ${counts[0]!.loans} loans, ${counts[0]!.rows} loan postings. Target: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}.\n`);
  console.log('| case | runs | median ms | p95 ms |');
  console.log('|---|---|---|---|');
  await measure('SQL floor: outstanding by commune (one query)', () => db.$queryRaw`
    SELECT l."orgUnitId", SUM(CASE WHEN t."kind" = 'DISBURSEMENT' THEN t."amount" WHEN t."kind" = 'REPAYMENT' THEN -t."principal" ELSE 0 END)
    FROM "LoanTransaction" t JOIN "Loan" l ON l."id" = t."loanId" WHERE t."reversedAt" IS NULL GROUP BY 1`);
  await measure('member search "nguyen thi hoa" (province)', () => listMembers(province, { q: 'nguyen thi hoa' }));
  await measure('summary report, district, year to date', () => summaryReport(province, { ...period, orgUnitId: district.id }));
  await measure('district dashboard (server)', () => unitDashboard(province, { orgUnitId: district.id }));
  await measure('summary report, province, year to date', () => summaryReport(province, period));
  await measure('province dashboard (server)', () => unitDashboard(province));
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
