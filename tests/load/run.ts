// npm run load — a bounded load test on loopback: starts the production build (npm start) against
// PostgreSQL (DATABASE_URL; a fresh database is best: the demo data is loaded into it), then 50
// concurrent API sessions for 60 s mix dashboard-style reads (summary report, loan list) with
// repayment posts (each retried once with the same idempotency key, as a flaky network would).
// It reports p50/p95 per operation and checks: no 5xx, and the ledger holds exactly one posting
// per accepted repayment (none lost, none doubled). Options: --sessions=50 --seconds=60 --port=3190.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { waitForServer } from '../setup/server-process.mjs';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const SESSIONS = arg('sessions', 50);
const SECONDS = arg('seconds', 60);
const PORT = arg('port', 3190);
const BASE = `http://127.0.0.1:${PORT}`;
const DATABASE_URL = process.env.DATABASE_URL;

interface Sample { op: string; ms: number; status: number }

async function token(username: string) {
  const response = await fetch(`${BASE}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'Demo@2026' }) });
  if (response.status !== 201) throw new Error(`sign-in of ${username}: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0;
};

async function main() {
  if (!DATABASE_URL) throw new Error('Set DATABASE_URL to a PostgreSQL database (the load test runs on PostgreSQL).');
  const server = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], { env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  try {
    await waitForServer(BASE);
    const [officer, leader, liaison] = [await token('xa.yk'), await token('huyen.yy'), await token('nhcs.yy')];
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const loans = ((await (await fetch(`${BASE}/api/v1/loans?status=DISBURSED`, { headers: auth(officer) })).json()) as { loans: { id: string }[] }).loans.map((l) => l.id);
    // The server reads the same clock (APP_CLOCK): repayments are dated on its today.
    const today = isoDate(todayInVietnam());
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    const before = (await db.query(`SELECT COUNT(*)::int AS n, COALESCE(SUM("amount"),0)::text AS total FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "reversedAt" IS NULL`)).rows[0] as { n: number; total: string };

    const samples: Sample[] = [];
    let accepted = 0;
    let acceptedAmount = 0n;
    const end = performance.now() + SECONDS * 1000;
    const timed = async (op: string, request: () => Promise<Response>) => {
      const start = performance.now();
      const response = await request();
      samples.push({ op, ms: performance.now() - start, status: response.status });
      return response;
    };
    async function session(index: number) {
      const reader = index % 2 ? leader : liaison;
      while (performance.now() < end) {
        const roll = Math.random();
        if (roll < 0.35) {
          await (await timed('summary report', () => fetch(`${BASE}/api/v1/reports/summary?from=${today.slice(0, 4)}-01-01&to=${today}`, { headers: auth(reader) }))).arrayBuffer();
        } else if (roll < 0.6) {
          await (await timed('loan list', () => fetch(`${BASE}/api/v1/loans?overdue=any`, { headers: auth(reader) }))).arrayBuffer();
        } else {
          const loan = loans[Math.floor(Math.random() * loans.length)]!;
          const key = randomUUID();
          const body = JSON.stringify({ date: today, amount: '10.000', idempotencyKey: key });
          const post = () => fetch(`${BASE}/api/v1/loans/${loan}/repayments`, { method: 'POST', headers: { ...auth(officer), 'content-type': 'application/json' }, body });
          const first = await timed('repayment post', post);
          await first.arrayBuffer();
          // The same request again, as a client that lost the answer would send it.
          const retry = await timed('repayment retry', post);
          await retry.arrayBuffer();
          if (first.status === 201) {
            accepted += 1;
            acceptedAmount += 10_000n;
          }
        }
      }
    }
    await Promise.all(Array.from({ length: SESSIONS }, (_, i) => session(i)));
    const after = (await db.query(`SELECT COUNT(*)::int AS n, COALESCE(SUM("amount"),0)::text AS total FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "reversedAt" IS NULL`)).rows[0] as { n: number; total: string };
    await db.end();

    const ops = [...new Set(samples.map((s) => s.op))];
    console.log(`\n## Load test — ${SESSIONS} sessions, ${SECONDS} s, PostgreSQL, ${new Date().toISOString().slice(0, 10)}\n`);
    console.log('| operation | requests | p50 ms | p95 ms | statuses |');
    console.log('|---|---|---|---|---|');
    for (const op of ops) {
      const mine = samples.filter((s) => s.op === op);
      const statuses = Object.entries(mine.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s.status]: (acc[s.status] ?? 0) + 1 }), {})).map(([k, v]) => `${k}×${v}`).join(' ');
      console.log(`| ${op} | ${mine.length} | ${Math.round(percentile(mine.map((s) => s.ms), 50))} | ${Math.round(percentile(mine.map((s) => s.ms), 95))} | ${statuses} |`);
    }
    const errors = samples.filter((s) => s.status >= 500).length;
    const posted = after.n - before.n;
    const postedAmount = BigInt(after.total) - BigInt(before.total);
    console.log(`\n5xx: ${errors}; repayments accepted: ${accepted}, in the ledger: ${posted} (${postedAmount} đ for ${acceptedAmount} đ accepted)`);
    if (errors > 0 || posted !== accepted || postedAmount !== acceptedAmount) {
      console.error('LOAD TEST FAILED: 5xx answers or the ledger does not match the accepted postings.');
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
