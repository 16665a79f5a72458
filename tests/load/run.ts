// npm run load — a bounded load test on loopback: starts the production build (npm start) against
// PostgreSQL (DATABASE_URL) and runs a scenario of concurrent API sessions, then reports p50/p95 per
// operation and checks: no 5xx or unanswered request, and the ledger holds exactly one posting per
// accepted one (none lost, none doubled). Scenarios:
//   --scenario=mixed (default; a fresh database is best: the demo data is loaded into it) — reports,
//     loan lists and repayments, 50 sessions (tests/load/mixed.ts);
//   --scenario=collection-day (on generated data, npm run db:generate -- --scale=province) — 200
//     sessions, most saving collection sheets, a tenth reading the figures by commune; also checks
//     the targets of issue 23 §5 (p95 ≤ 500 ms per request) (tests/load/collection-day.ts).
// Options: --sessions= --seconds=60 --port=3190 --pause=0 (collection day: seconds between one
// session's sheets or reads; 0 sends the next at once, a stress test); --strict fails the run when a latency target is missed.
import { spawn } from 'node:child_process';
import pg from 'pg';
import { waitForServer } from '../setup/server-process.mjs';
import { collectionDay, type ScenarioContext } from './collection-day';
import { Recorder } from './harness';
import { mixed } from './mixed';

const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SCENARIO = option('scenario') ?? 'mixed';
const SESSIONS = Number(option('sessions') ?? (SCENARIO === 'collection-day' ? 200 : 50));
const SECONDS = Number(option('seconds') ?? 60);
const PORT = Number(option('port') ?? 3190);
const PAUSE_SECONDS = Number(option('pause') ?? 0);
const STRICT = process.argv.includes('--strict');
const BASE = `http://127.0.0.1:${PORT}`;
const DATABASE_URL = process.env.DATABASE_URL;
/** Issue 23 §5: every request of collection day within 500 ms at p95. */
const P95_TARGET_MS = 500;

async function main() {
  if (!DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL database (the load test runs on PostgreSQL).');
  const scenario = { mixed, 'collection-day': collectionDay }[SCENARIO];
  if (!scenario) throw new Error(`Unknown scenario ${SCENARIO} (mixed, collection-day).`);
  const env = { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' };
  const server = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await waitForServer(BASE);
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    const recorder = new Recorder();
    const context: ScenarioContext = { base: BASE, db, sessions: SESSIONS, seconds: SECONDS, recorder, pauseSeconds: PAUSE_SECONDS };
    const outcome = await scenario(context);
    await db.end();

    recorder.printTable(`Load test (${SCENARIO}) — ${SESSIONS} sessions${PAUSE_SECONDS ? `, pausing ~${PAUSE_SECONDS} s between requests` : ''}, ${SECONDS} s, PostgreSQL, ${new Date().toISOString().slice(0, 10)}`);
    const errors = recorder.errors();
    console.log(`\n5xx or no answer: ${errors}; ${outcome.lines.join('; ')}`);
    const slow = SCENARIO === 'collection-day'
      ? [...new Set(recorder.samples.map((s) => s.op))].filter((op) => recorder.p95(op) > P95_TARGET_MS)
      : [];
    if (slow.length) console.log(`Above the ${P95_TARGET_MS} ms p95 target: ${slow.join(', ')}.`);
    if (errors > 0 || !outcome.ok || (STRICT && slow.length)) {
      console.error('LOAD TEST FAILED: errors, a ledger that does not match the accepted postings, or (--strict) a missed target.');
      process.exitCode = 1;
    } else console.log('Load test passed: no 5xx, every accepted posting exactly once in the ledger.');
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
