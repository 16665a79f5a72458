import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import type { ScenarioContext } from './collection-day';
import { bearer, signIn } from './harness';

// The everyday mix on the demo data (CI's smoke run): the district leader and the bank liaison read
// summary reports and loan lists while the commune officer posts repayments, each sent twice with
// the same idempotency key as a flaky network would.

const repaymentTotals = async (ctx: ScenarioContext) => {
  const { rows } = await ctx.db.query(`SELECT COUNT(*)::int AS n, COALESCE(SUM("amount"),0)::text AS total FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "reversedAt" IS NULL`);
  const row = rows[0] as { n: number; total: string };
  return { n: row.n, total: BigInt(row.total) };
};

export async function mixed(ctx: ScenarioContext): Promise<{ ok: boolean; lines: string[] }> {
  const { base, sessions, seconds, recorder } = ctx;
  const [officer, leader, liaison] = [await signIn(base, 'xa.yk'), await signIn(base, 'huyen.yy'), await signIn(base, 'nhcs.yy')];
  const loans = ((await (await fetch(`${base}/api/v1/loans?status=DISBURSED`, { headers: bearer(officer) })).json()) as { loans: { id: string }[] }).loans.map((l) => l.id);
  // The server reads the same clock (APP_CLOCK): repayments are dated on its today.
  const today = isoDate(todayInVietnam());
  const before = await repaymentTotals(ctx);
  let accepted = 0;
  let acceptedAmount = 0n;
  const end = performance.now() + seconds * 1000;

  async function session(index: number) {
    const reader = index % 2 ? leader : liaison;
    while (performance.now() < end) {
      const roll = Math.random();
      if (roll < 0.35) {
        await recorder.timed('summary report', () => fetch(`${base}/api/v1/reports/summary?from=${today.slice(0, 4)}-01-01&to=${today}`, { headers: bearer(reader) }));
      } else if (roll < 0.6) {
        await recorder.timed('loan list', () => fetch(`${base}/api/v1/loans?overdue=any`, { headers: bearer(reader) }));
      } else {
        const loan = loans[Math.floor(Math.random() * loans.length)]!;
        const body = JSON.stringify({ date: today, amount: '10.000', idempotencyKey: randomUUID() });
        const post = () => fetch(`${base}/api/v1/loans/${loan}/repayments`, { method: 'POST', headers: { ...bearer(officer), 'content-type': 'application/json' }, body });
        const first = await recorder.timed('repayment post', post);
        // The same request again, as a client that lost the answer would send it.
        await recorder.timed('repayment retry', post);
        if (first?.status === 201) {
          accepted += 1;
          acceptedAmount += 10_000n;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: sessions }, (_, i) => session(i)));
  const after = await repaymentTotals(ctx);
  const posted = after.n - before.n;
  const postedAmount = after.total - before.total;
  const ok = posted === accepted && postedAmount === acceptedAmount;
  return { ok, lines: [`repayments accepted: ${accepted}, in the ledger: ${posted} (${postedAmount} đ for ${acceptedAmount} đ accepted)`] };
}
