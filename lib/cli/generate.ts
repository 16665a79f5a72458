import { performance } from 'node:perf_hooks';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { StartupError } from '@/lib/db/startup-error';
import { generatorSql, SCALES, splitIntoProvinces } from '@/lib/generate/province-sql';
import { prepareDatabase } from './prepare-database';
import { runCli } from './run';

// npm run db:generate -- --scale=demo|province|national [--seed=N] — adds realistic, deterministic
// data under the demo province (districts GD001…; national: ten provinces of that size, the demo
// province and GP02…GP10): groups of 5–60 members with Vietnamese names and
// valid CCCD numbers, loans of several programmes over 24 months with monthly repayments (some late
// payers), member savings. Set-based SQL, so a province (2.5 million rows) takes minutes.
runCli(async () => {
  const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const scaleName = option('scale') ?? 'demo';
  const scale = SCALES[scaleName];
  if (!scale) throw new StartupError(`--scale phải là demo, province hoặc national (unknown scale ${scaleName}).`);
  const { database } = await prepareDatabase({ seed: true });
  try {
    if (scaleName === 'national' && database.target.kind !== 'postgres') throw new StartupError('Quy mô national chỉ chạy trên PostgreSQL (national scale needs DATABASE_URL).');
    const [province] = await database.sql.query<{ id: string; path: string }>(`SELECT "id", "path" FROM "OrgUnit" WHERE "code" = 'NB'`);
    if (!province) throw new StartupError('Không thấy tỉnh mẫu NB (the demo province is missing).');
    if ((await database.sql.query(`SELECT 1 FROM "OrgUnit" WHERE "code" = 'GD001'`)).length) throw new StartupError('Dữ liệu đã được sinh (already generated); dùng cơ sở dữ liệu mới.');
    const started = performance.now();
    const statements = generatorSql(scale, Number(option('seed') ?? 1), province, isoDate(todayInVietnam()));
    if (scaleName === 'national') statements.push(...splitIntoProvinces(scale, province));
    for (const statement of statements) {
      const t0 = performance.now();
      await database.sql.exec(statement);
      console.log(`${((performance.now() - t0) / 1000).toFixed(1).padStart(7)} s  ${statement.trim().split('\n')[0]!.slice(0, 90)}`);
    }
    const [counts] = await database.sql.query<Record<string, number>>(
      `SELECT (SELECT COUNT(*) FROM "Member")::int AS members, (SELECT COUNT(*) FROM "Loan")::int AS loans, (SELECT COUNT(*) FROM "Group")::int AS groups,
              (SELECT COUNT(*) FROM "LoanTransaction")::int AS "loanRows", (SELECT COUNT(*) FROM "SavingsTransaction")::int AS "savingsRows"`,
    );
    console.log(`Đã sinh dữ liệu quy mô ${scaleName} trong ${((performance.now() - started) / 1000).toFixed(0)} s:`, counts);
  } finally {
    await database.close();
    database.release();
  }
});
