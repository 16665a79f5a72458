import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { disbursedLoanOn } from '@/tests/factories/fund';
import { ensureProgrammes } from '@/tests/factories/loans';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { GET as summaryRoute } from '@/app/api/v1/reports/summary/route';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { now, setClock } from '@/lib/clock';
import { db, readDb, type Loan } from '@/lib/db';
import { forgetReplicaStatus, setReplicaReadBarrier } from '@/lib/db/replica';
import { formatTimeDate } from '@/lib/i18n/format';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { getLoan, postRepayment } from '@/lib/loans';
import { outstandingMatrix } from './bank';
import { recordBankPortfolio } from './bank-share';
import { unitDashboard } from './dashboard';
import { summaryReport } from './summary';
import { summaryRows } from './summary-export';
import { reportXlsx } from './tabular';

// Reports on a real streaming replica (decision 021): CI's PostgreSQL round starts one
// (.ci/replica.sh) and sets DATABASE_REPLICA_URL. Replay is paused on the replica for a moment, so
// a repayment posted on the primary is known to be missing there: the dashboard and the reports
// (replica) do not have it and say as of when, the loan page (primary) has it; once replay resumes
// the reports catch up.

// Without a replica the suite below is reported as skipped by vitest itself.
const onReplica = Boolean(process.env.DATABASE_URL && process.env.DATABASE_REPLICA_URL);

describe.runIf(onReplica)('reports on a streaming replica', () => {
  useTestDatabase();
  const TODAY = '2026-06-30';
  let leader: Actor;
  let officer: Actor;
  let loan: Loan;
  let token = '';
  let replicaAdmin: pg.Client;

  beforeAll(async () => {
    setClock(TODAY);
    const tree = await createOrgTree();
    const programmes = await ensureProgrammes();
    officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
    leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
    const group = await makeGroup(tree.communes[0]!);
    const [member] = await addMembers(tree.communes[0]!, group.id, 1);
    loan = await disbursedLoanOn(officer, leader, member!, programmes.HN!, '12.000.000', '2026-03-02');
    token = (await issueApiToken(leader.userId, leader.username, null)).token;
    // Pausing replay takes a superuser on the replica (the maintenance database: always there).
    const url = new URL(process.env.DATABASE_REPLICA_URL!);
    url.pathname = '/postgres';
    replicaAdmin = new pg.Client({ connectionString: url.toString() });
    await replicaAdmin.connect();
  }, 120_000);

  afterAll(async () => {
    // Whatever happened, replay runs again: the other test files read this replica too.
    await replicaAdmin?.query('SELECT pg_wal_replay_resume()').catch(() => undefined);
    await replicaAdmin?.end();
    setClock(null);
  });

  const sqlFlag = async (client: { $queryRaw: typeof db.$queryRaw }) =>
    (await client.$queryRaw<{ recovery: boolean; name: string }[]>`SELECT pg_is_in_recovery() AS recovery, current_database()::text AS name`)[0]!;

  it('gives the report services a read-only session on the replica, in the test\'s own database', async () => {
    const reads = await readDb();
    expect(reads.source).toBe('replica');
    const primary = await sqlFlag(db);
    expect(primary.recovery).toBe(false);
    expect(await sqlFlag(reads.db)).toEqual({ recovery: true, name: primary.name });
    await expect(reads.db.$executeRaw`CREATE TEMPORARY TABLE scratch (n int)`).rejects.toThrow(/read-only/);
  });

  it('while replay is paused: a repayment is on the loan page but not yet in the reports, which say as of when; then they catch up', async () => {
    const before = await unitDashboard(leader);
    expect(before.asOf).toBeNull();
    const repaidBefore = before.summary.principalRepaid.amount;
    const outstandingBefore = before.summary.outstanding.end.amount;
    expect(outstandingBefore).toBe(12_000_000n);

    const barrier = setReplicaReadBarrier(null); // the setup's wait for the replica would wait for ever now
    process.env.DATABASE_REPLICA_MAX_LAG_SECONDS = '0'; // any lag is "behind" for this test
    let repaid = 0n;
    try {
      await pauseReplay();
      const postedAt = now();
      const { transaction } = await postRepayment(officer, loan.id, { date: TODAY, amount: '1.500.000' });
      repaid = transaction.principal;
      expect(repaid).toBeGreaterThan(0n);

      // The loan page reads the primary: the repayment is there.
      const page = await getLoan(officer, loan.id);
      expect(page.loan.transactions.map((t) => t.id)).toContain(transaction.id);
      expect(page.state!.outstandingPrincipal).toBe(outstandingBefore - repaid);

      // The dashboard, the summary, the bank's report and the API's JSON read the replica: not yet, and they say so.
      forgetReplicaStatus();
      const stale = await unitDashboard(leader);
      expect(stale.summary.principalRepaid.amount).toBe(repaidBefore);
      expect(stale.summary.outstanding.end.amount).toBe(outstandingBefore);
      const beforePosting = (asOf: Date | string | null) => asOf !== null && new Date(asOf).getTime() <= postedAt.getTime();
      expect(beforePosting(stale.asOf)).toBe(true);
      const summary = await summaryReport(leader, { from: '2026-01-01', to: TODAY });
      expect(summary.outstanding.end.amount).toBe(outstandingBefore);
      expect(beforePosting(summary.asOf)).toBe(true);
      const bank = await outstandingMatrix(leader, { from: '2026-01-01', to: TODAY });
      expect(bank.totals!.total).toBe(outstandingBefore);
      expect(beforePosting(bank.asOf)).toBe(true);
      // The files say it too: a row of the summary's workbook and CSV, the subtitle of the bank's workbook.
      expect(summaryRows(summary)).toContainEqual({ section: 'Phạm vi', item: 'Số liệu tính đến', value: formatTimeDate(summary.asOf!) });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await streamToBuffer(reportXlsx(bank))) as unknown as ArrayBuffer);
      expect(String(workbook.worksheets[0]!.getRow(2).getCell(1).value)).toContain(`Số liệu tính đến ${formatTimeDate(bank.asOf!)}`);
      const api = await summaryRoute(
        new Request(`http://127.0.0.1/api/v1/reports/summary?from=2026-01-01&to=${TODAY}`, { headers: { authorization: `Bearer ${token}` } }),
        { params: Promise.resolve({}) },
      );
      const json = (await api.json()) as { asOf: string | null; outstanding: { end: { amount: number } } };
      expect(json.outstanding.end.amount).toBe(Number(outstandingBefore));
      expect(json.asOf).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(beforePosting(json.asOf)).toBe(true);

      // Behind more than the fallback limit: the reports read the primary, current again.
      process.env.DATABASE_REPLICA_FALLBACK_LAG_SECONDS = '0.000001';
      const current = await unitDashboard(leader);
      expect(current.summary.outstanding.end.amount).toBe(outstandingBefore - repaid);
      expect(current.summary.principalRepaid.amount).toBe(repaidBefore + repaid);
      expect(current.asOf).toBeNull();
      delete process.env.DATABASE_REPLICA_FALLBACK_LAG_SECONDS;
    } finally {
      delete process.env.DATABASE_REPLICA_FALLBACK_LAG_SECONDS;
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
      delete process.env.DATABASE_REPLICA_MAX_LAG_SECONDS;
      setReplicaReadBarrier(barrier);
    }

    // Replay resumed: the replica catches up, and the reports with it (read from the replica, current).
    const caughtUp = await poll(async () => {
      forgetReplicaStatus();
      const dashboard = await unitDashboard(leader);
      return dashboard.summary.outstanding.end.amount === outstandingBefore - repaid ? dashboard : null;
    });
    expect(caughtUp.summary.principalRepaid.amount).toBe(repaidBefore + repaid);
    expect(caughtUp.asOf).toBeNull();
    expect((await readDb()).source).toBe('replica');
  });

  it('recording the bank\'s figure waits until the replica has it, so the summary read next shows the share it gives', async () => {
    const barrier = setReplicaReadBarrier(null); // the service's own wait is what is tested
    let recording: Promise<unknown> | null = null;
    try {
      await pauseReplay();
      recording = recordBankPortfolio(leader, { month: '2026-06', amount: '48.000.000', source: 'Báo cáo NHCSXH tháng 6' });
      // Saved on the primary, and still waiting for the paused replica.
      await poll(async () => ((await db.bankPortfolioFigure.count({ where: { month: '2026-06' } })) === 1 ? true : null));
      const pending = await Promise.race([recording.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 300))]);
      expect(pending).toBe(true);
    } finally {
      await replicaAdmin.query('SELECT pg_wal_replay_resume()');
    }
    try {
      await recording;
      forgetReplicaStatus();
      const summary = await summaryReport(leader, { from: '2026-01-01', to: TODAY });
      expect(summary.bankShare?.bankOutstanding).toBe(48_000_000n);
    } finally {
      setReplicaReadBarrier(barrier);
    }
  });

  /** Pauses replay and returns once the replica says it is paused (a write on the primary gives it a record to stop at). */
  async function pauseReplay() {
    await replicaAdmin.query('SELECT pg_wal_replay_pause()');
    await poll(async () => {
      await db.$queryRaw`SELECT txid_current()::text`;
      const { rows } = await replicaAdmin.query<{ state: string }>('SELECT pg_get_wal_replay_pause_state() AS state');
      return rows[0]!.state === 'paused' ? true : null;
    });
  }
});

/** Tries `check` every 50 ms until it gives something, for up to 30 s. */
async function poll<T>(check: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const result = await check();
    if (result !== null) return result;
    if (Date.now() > deadline) throw new Error('gave up waiting after 30 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
