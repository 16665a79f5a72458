import { performance } from 'node:perf_hooks';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { closeDb } from '@/lib/db';
import { closeMonthEnd, monthEndsBetween, refreshStaleMonthEnds } from '@/lib/loans/month-ends';
import { runJobFromCommand } from '@/lib/jobs';
import { runCli } from './run';

// npm run loans:month-ends — keeps the loans' overdue figures at month ends (decision 029).
// Without options it does what the server's nightly job does at 00:45 (the last thirteen month
// ends not kept yet, then loans stale since), recorded as a run of the job on /jobs.
// --from=2024-01 [--to=2024-12] keeps (or computes again) the month ends of those months: for
// history older than thirteen months, loaded by an import, that yearly reports will read.
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const monthStart = (text: string | undefined) => (text && /^\d{4}-\d{2}$/.test(text) ? new Date(`${text}-01T00:00:00Z`) : null);

runCli(async () => {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  const [fromText, toText] = [option('from'), option('to')];
  if (fromText === undefined) {
    const run = await runJobFromCommand('loans.month-ends', { onProgress: (done) => console.log(`${done} khoản vay đã tính (loans computed)…`) });
    await closeDb();
    if (run.status === 'FAILED') {
      console.error(`Lỗi (failed): ${run.error}`);
      return 1;
    }
    console.log(`Xong trong ${seconds()} s (done): ${JSON.stringify(run.result)}`);
    return;
  }
  const from = monthStart(fromText);
  const to = toText === undefined ? todayInVietnam() : monthStart(toText);
  if (!from || !to) {
    console.error('Tháng phải có dạng YYYY-MM, ví dụ --from=2024-01 --to=2024-12 (months are YYYY-MM).');
    return 2;
  }
  const lastDay = new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 0));
  for (const monthEnd of monthEndsBetween(from, lastDay, todayInVietnam())) {
    const { loans, overdue } = await closeMonthEnd(monthEnd);
    console.log(`${isoDate(monthEnd)}: ${loans} khoản vay còn dư nợ, ${overdue} quá hạn (loans open, overdue) · ${seconds()} s`);
  }
  const stale = await refreshStaleMonthEnds();
  console.log(`Xong trong ${seconds()} s; ${stale} khoản vay có giao dịch ghi lùi ngày được tính lại (done; back-dated loans recomputed).`);
  await closeDb();
});
