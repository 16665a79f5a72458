import { performance } from 'node:perf_hooks';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { StartupError } from '@/lib/db/startup-error';
import { COUNTRY, countrySql, createPostingIndex, missingPostingIndexesSql, snapshotTriggers, type CountryScale } from '@/lib/generate/country-sql';
import { closeMonthEnd } from '@/lib/loans/month-ends';
import { generatorSql, SCALES, splitIntoProvinces } from '@/lib/generate/province-sql';
import { prepareDatabase } from './prepare-database';
import { runCli } from './run';

// npm run db:generate -- --scale=demo|province|national|country [--seed=N] [--fraction=F] — adds
// realistic, deterministic data under the demo province (districts GD001…; national: ten provinces
// of that size, the demo province and GP02…GP10; country: 34 two-tier provinces, 3,321 communes
// GX01-C001…, 1.8 million borrowers over five years — `--fraction=0.01` makes a hundredth of it):
// groups of 5–60 members with Vietnamese names and valid CCCD numbers, loans of several programmes
// with monthly repayments (some late payers), member savings. Set-based SQL, with a progress bar.

/** The country scale, or a fraction of it (the 34 provinces kept) for a quick run. */
function countryScale(fraction: number): CountryScale {
  if (fraction === 1) return COUNTRY;
  const part = (n: number) => Math.max(1, Math.round(n * fraction));
  return { ...COUNTRY, communes: Math.max(COUNTRY.provinces, part(COUNTRY.communes)), members: part(COUNTRY.members), loans: part(COUNTRY.loans) };
}

const clock = (seconds: number) => {
  const whole = Math.round(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
};

/** "[███████░░░░░░░░░░░░░] 35 % · 12/34 · 04:10 elapsed · ~07:45 left · <what>" */
function progressLine(done: number, total: number, elapsedS: number, what: string): string {
  const width = 24;
  const filled = Math.round((done / total) * width);
  const left = done > 0 ? ` · ~${clock((elapsedS / done) * (total - done))} left` : '';
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${String(Math.round((done / total) * 100)).padStart(3)} % · ${done}/${total} · ${clock(elapsedS)} elapsed${left} · ${what}`;
}

runCli(async () => {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const scaleName = option('scale') ?? 'demo';
  const fraction = Number(option('fraction') ?? 1);
  if (!(fraction > 0 && fraction <= 1)) throw new StartupError('--fraction phải trong khoảng (0, 1] (a fraction of the country scale).');
  if (scaleName !== 'country' && !SCALES[scaleName]) throw new StartupError(`--scale phải là demo, province, national hoặc country (unknown scale ${scaleName}).`);
  const { database } = await prepareDatabase({ seed: true });
  try {
    const large = scaleName === 'national' || scaleName === 'country';
    if (large && database.target.kind !== 'postgres') throw new StartupError(`Quy mô ${scaleName} chỉ chạy trên PostgreSQL (${scaleName} scale needs DATABASE_URL).`);
    const [province] = await database.sql.query<{ id: string; path: string }>(`SELECT "id", "path" FROM "OrgUnit" WHERE "code" = 'NB'`);
    if (!province) throw new StartupError('Không thấy tỉnh mẫu NB (the demo province is missing).');
    if ((await database.sql.query(`SELECT 1 FROM "OrgUnit" WHERE "code" IN ('GD001', 'GX01-C001')`)).length) {
      throw new StartupError('Dữ liệu đã được sinh (already generated); dùng cơ sở dữ liệu mới.');
    }
    const started = performance.now();
    const seed = Number(option('seed') ?? 1);
    const today = isoDate(todayInVietnam());
    const statements = scaleName === 'country' ? countrySql(countryScale(fraction), seed, province, today) : generatorSql(SCALES[scaleName]!, seed, province, today);
    if (scaleName === 'national') statements.push(...splitIntoProvinces(SCALES.national!, province));
    // Sorts and hashes of millions of rows in memory rather than on disk; no wait for each commit.
    await database.sql.exec(`SET work_mem = '256MB'; SET maintenance_work_mem = '1GB'; SET synchronous_commit = off`);
    for (const [index, statement] of statements.entries()) {
      const t0 = performance.now();
      await database.sql.exec(statement);
      const line = `${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${statement.trim().split('\n')[0]!.slice(0, 70)}`;
      console.log(progressLine(index + 1, statements.length, (performance.now() - started) / 1000, line));
    }
    // A past year's report reads each loan's overdue at its end from the kept month ends (decision
    // 029): the generated history's last year-end is kept, by the loan engine, as the nightly job would.
    if (scaleName === 'country') {
      const t0 = performance.now();
      const yearEnd = new Date(Date.UTC(todayInVietnam().getUTCFullYear() - 1, 11, 31));
      const kept = await closeMonthEnd(yearEnd, (done) => { if (done % 50_000 === 0) console.log(`  ${isoDate(yearEnd)}: ${done} khoản vay…`); });
      console.log(`${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  kept month end ${isoDate(yearEnd)}: ${kept.loans} loans open, ${kept.overdue} overdue`);
    }
    const [counts] = await database.sql.query<Record<string, number>>(
      `SELECT (SELECT COUNT(*) FROM "Member")::int AS members, (SELECT COUNT(*) FROM "Loan")::int AS loans, (SELECT COUNT(*) FROM "Group")::int AS groups,
              (SELECT COUNT(*) FROM "OrgUnit" WHERE "level" = 'COMMUNE')::int AS communes, (SELECT COUNT(*) FROM "OrgUnit" WHERE "level" = 'PROVINCE')::int AS provinces,
              (SELECT COUNT(*) FROM "LoanTransaction")::int AS "loanRows", (SELECT COUNT(*) FROM "SavingsTransaction")::int AS "savingsRows"`,
    );
    console.log(`Đã sinh dữ liệu quy mô ${scaleName}${fraction < 1 ? ` × ${fraction}` : ''} trong ${((performance.now() - started) / 1000).toFixed(0)} s:`, counts);
  } catch (error) {
    // A load stopped half-way must not leave the snapshot triggers off or the postings without their
    // indexes (the country shape drops them while it writes).
    if (scaleName === 'country') {
      for (const statement of snapshotTriggers('ENABLE')) await database.sql.exec(statement).catch(() => undefined);
      for (const { name } of await database.sql.query<{ name: string }>(missingPostingIndexesSql).catch(() => [])) {
        await database.sql.exec(createPostingIndex(name)).catch((e: unknown) => console.error(`Could not build index ${name}: ${String(e)}`));
      }
    }
    throw error;
  } finally {
    await database.close();
    database.release();
  }
});
