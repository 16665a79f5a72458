import { performance } from 'node:perf_hooks';
import { closeDb } from '@/lib/db';
import { refreshStaleLoans } from '@/lib/loans/loan-terms';
import { runCli } from './run';

// npm run loans:refresh — rewrites every open loan's cached figures (outstanding, overdue, days past
// due) as of today. Postings refresh their own loan; time does not, so run this once a night (e.g.
// cron at 00:05 Asia/Ho_Chi_Minh) and today's reports read the cache instead of replaying loans.
// On the embedded database, run it while the server is stopped (one process per folder).
runCli(async () => {
  const started = performance.now();
  let total = 0;
  for (let batch = await refreshStaleLoans({}); batch > 0; batch = await refreshStaleLoans({})) {
    total += batch;
    console.log(`${total} khoản vay đã cập nhật (loans refreshed)…`);
  }
  console.log(`Xong: ${total} khoản vay trong ${((performance.now() - started) / 1000).toFixed(0)} s (done).`);
  await closeDb();
});
