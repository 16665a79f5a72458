import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { bearer, type Recorder, signIn } from './harness';

// Collection day (issue 23 §5): most sessions are officers saving their groups' collection sheets
// (each sheet read, then saved with its key, then saved again with the same key as a client that
// lost the answer would); a few are leaders reading the province's and a district's figures by
// commune, what their dashboards are built on. Needs generated data (npm run db:generate --
// --scale=province) and a clock after its last postings, once the night's refresh has run, e.g.
// APP_CLOCK=<the 25th of next month> npm run loans:refresh, then the load test with the same
// APP_CLOCK: the officers work through the generated groups whose latest meeting is on or before
// today and has no sheet yet, posting what each loan asks (or 50.000 ₫ where nothing is due, an
// early payment) and the savings expected.

export interface ScenarioContext {
  base: string;
  db: pg.Client;
  sessions: number;
  seconds: number;
  recorder: Recorder;
  /**
   * An officer's time between two sheets, and a leader's between two reads (seconds, each pause
   * drawn between half and one and a half times it; sessions start spread over one pause). 0: none,
   * every session sends its next request as soon as it has the answer — a stress test, not a day.
   */
  pauseSeconds?: number;
}

interface SheetRow { member: { id: string }; loans: { loanId: string; due: string }[]; savings: { accountId: string; expected: string }[] }
interface Sheet { month: string; upcoming: boolean; saved: unknown; rows: SheetRow[] }

const EARLY_PAYMENT = 50_000n;
const LEADER_SHARE = 0.1;

/** Repayments and deposits before and after: what the accepted sheets must have added, exactly once. */
async function ledgerTotals(db: pg.Client) {
  const { rows } = await db.query(`SELECT
    (SELECT COUNT(*) FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "reversedAt" IS NULL)::int AS repayments,
    (SELECT COALESCE(SUM("amount"), 0) FROM "LoanTransaction" WHERE "kind" = 'REPAYMENT' AND "reversedAt" IS NULL)::text AS repaid,
    (SELECT COALESCE(SUM("amount"), 0) FROM "SavingsTransaction" WHERE "kind" = 'DEPOSIT' AND "reversedAt" IS NULL)::text AS deposited`);
  const row = rows[0] as { repayments: number; repaid: string; deposited: string };
  return { repayments: row.repayments, repaid: BigInt(row.repaid), deposited: BigInt(row.deposited) };
}

export async function collectionDay({ base, db, sessions, seconds, recorder, pauseSeconds = 0 }: ScenarioContext): Promise<{ ok: boolean; lines: string[] }> {
  const officer = await signIn(base, 'tinh');
  // The province officer's scope holds every generated commune: she saves sheets, and (another token) reads as the leaders would.
  const leader = await signIn(base, 'tinh');
  const district = (await db.query(`SELECT id FROM "OrgUnit" WHERE code = 'GD001'`)).rows[0] as { id: string } | undefined;
  const groups = (await db.query(`SELECT g.id FROM "Group" g WHERE g."status" = 'ACTIVE'
      AND EXISTS (SELECT 1 FROM "Loan" l WHERE l."groupId" = g.id AND l."status" = 'DISBURSED') ORDER BY md5(g.id::text)`)).rows as { id: string }[];
  const before = await ledgerTotals(db);
  const accepted = { sheets: 0, repayments: 0, repaid: 0n, deposited: 0n };
  const end = performance.now() + seconds * 1000;
  const year = isoDate(todayInVietnam()).slice(0, 4);

  async function saveOne(groupId: string) {
    const read = await recorder.timed('sheet read', () => fetch(`${base}/api/v1/groups/${groupId}/collection-sheet`, { headers: bearer(officer) }));
    if (!read || read.status !== 200) return;
    const sheet = (await read.json()) as Sheet;
    if (sheet.upcoming || sheet.saved || sheet.rows.length === 0) return;
    const rows = sheet.rows.map((r) => ({
      memberId: r.member.id, attended: true,
      loans: r.loans.map((l) => ({ loanId: l.loanId, amount: String(BigInt(l.due) > 0n ? BigInt(l.due) : EARLY_PAYMENT) })),
      savings: r.savings.filter((s) => BigInt(s.expected) > 0n).map((s) => ({ accountId: s.accountId, amount: s.expected })),
    }));
    const body = JSON.stringify({ rows, idempotencyKey: randomUUID() });
    const save = () => fetch(`${base}/api/v1/groups/${groupId}/collection-sheet?month=${sheet.month}`, {
      method: 'POST', headers: { ...bearer(officer), 'content-type': 'application/json' }, body,
    });
    const first = await recorder.timed('sheet save', save);
    const retried = await recorder.timed('sheet save retried', save);
    // Saved by either (a first answer lost to a 503 is saved by the retry): once in the ledger either way.
    if (first?.status === 201 || retried?.status === 201) {
      accepted.sheets += 1;
      for (const row of rows) {
        accepted.repayments += row.loans.length;
        accepted.repaid += row.loans.reduce((s, l) => s + BigInt(l.amount), 0n);
        accepted.deposited += row.savings.reduce((s, a) => s + BigInt(a.amount), 0n);
      }
    }
  }

  const pause = (share = 0.5 + Math.random()) => new Promise((resolve) => setTimeout(resolve, pauseSeconds * 1000 * share));

  async function officerSession() {
    await pause(Math.random());
    while (performance.now() < end) {
      const group = groups.pop();
      if (!group) return;
      await saveOne(group.id);
      await pause();
    }
  }

  async function leaderSession(index: number) {
    await pause(Math.random());
    while (performance.now() < end) {
      const unit = index % 2 && district ? `&orgUnitId=${district.id}` : '';
      const op = unit ? 'district figures by commune' : 'province figures by commune';
      await recorder.timed(op, () => fetch(`${base}/api/v1/reports/summary?from=${year}-01-01&to=${isoDate(todayInVietnam())}&by=commune${unit}`, { headers: bearer(leader) }));
      await pause();
    }
  }

  const leaders = Math.max(1, Math.round(sessions * LEADER_SHARE));
  await Promise.all([
    ...Array.from({ length: sessions - leaders }, () => officerSession()),
    ...Array.from({ length: leaders }, (_, i) => leaderSession(i)),
  ]);
  const after = await ledgerTotals(db);
  const posted = { repayments: after.repayments - before.repayments, repaid: after.repaid - before.repaid, deposited: after.deposited - before.deposited };
  const exact = posted.repayments === accepted.repayments && posted.repaid === accepted.repaid && posted.deposited === accepted.deposited;
  const lines = [
    `sheets accepted: ${accepted.sheets}; repayments ${accepted.repayments} (${accepted.repaid} đ) and deposits ${accepted.deposited} đ accepted,`
      + ` in the ledger: ${posted.repayments} (${posted.repaid} đ) and ${posted.deposited} đ`,
  ];
  if (!exact) lines.push('the ledger does not hold the accepted postings exactly once');
  return { ok: exact, lines };
}
