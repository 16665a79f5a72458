import { performance } from 'node:perf_hooks';
import { closeDb } from '@/lib/db';
import { runJobFromCommand } from '@/lib/jobs';
import { runCli } from './run';

// npm run loans:refresh — brings every open loan's cached figures (outstanding, overdue, days past
// due) up to today, as the server's nightly job does at 00:05 (lib/jobs). For a database no server
// runs on (on the embedded database, with the server stopped).
// Recorded as a run of the job (trigger COMMAND), so /jobs shows it beside the scheduled ones.
runCli(async () => {
  const started = performance.now();
  const run = await runJobFromCommand('loans.refresh', { onProgress: (done) => console.log(`${done} khoản vay đã cập nhật (loans refreshed)…`) });
  await closeDb();
  if (run.status === 'FAILED') {
    console.error(`Lỗi (failed): ${run.error}`);
    return 1;
  }
  const total = (run.result as { loans?: number } | null)?.loans ?? 0;
  console.log(`Xong: ${total} khoản vay trong ${((performance.now() - started) / 1000).toFixed(0)} s (done).`);
});
