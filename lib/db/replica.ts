import pg from 'pg';
import { now } from '@/lib/clock';
import { getPrisma, getReplicaPrisma } from './client';
import { describePostgresUrl, replicaDatabaseUrl } from './config';
import type { PrismaClient } from './generated/client';

// Reports, dashboards and exports read from the streaming replica when DATABASE_REPLICA_URL is set
// (decision 021). Before a report reads, `readDb()` asks (at most every few seconds) how far the
// replica is behind; past DATABASE_REPLICA_MAX_LAG_SECONDS the report carries `asOf`, the moment its
// figures are complete up to, and pages say "Số liệu tính đến …"; when the replica cannot be reached,
// or is behind more than DATABASE_REPLICA_FALLBACK_LAG_SECONDS, the report reads the primary.

/** Where a report reads, and as of when its figures are when that is noticeably in the past. */
export interface ReportReads {
  db: PrismaClient;
  source: 'primary' | 'replica';
  /** Set when the replica is behind more than DATABASE_REPLICA_MAX_LAG_SECONDS: its figures hold everything up to this instant. */
  asOf: Date | null;
}

/** One look at the replica, with the primary's WAL position taken just before. */
export interface ReplicaProbe {
  inRecovery: boolean;
  /** pg_last_wal_replay_lsn(): WAL applied, so visible to queries. */
  replayLsn: bigint | null;
  /** pg_last_wal_receive_lsn(): WAL received (may be ahead of what is applied). */
  receiveLsn: bigint | null;
  /** now() − pg_last_xact_replay_timestamp() on the replica, in seconds; null before any replay. */
  sinceLastReplaySeconds: number | null;
  /** The primary's pg_current_wal_flush_lsn() read just before the replica was asked; null if it could not be read. */
  primaryLsn: bigint | null;
}

/** The primary's WAL position at a moment (app clock, ms). */
export interface LsnSample {
  lsn: bigint;
  atMs: number;
}

/** "16/B374D848" → its 64-bit position. */
export function parseLsn(text: string | null): bigint | null {
  const match = text ? /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text) : null;
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : null;
}

/**
 * How many seconds the replica's data is behind the primary's: 0 when it has applied everything the
 * primary had written when asked. The replay timestamp alone would mislead both ways: on an idle
 * primary it stays old although nothing is missing (hence the LSN comparison first), and right after
 * a write that ends a quiet hour it is an hour old although the replica misses only that write —
 * hence the earlier samples: whatever the primary had written when a sample was taken is on the
 * replica once its replay passed that sample's position.
 */
export function replicaLagSeconds(probe: ReplicaProbe, samples: readonly LsnSample[], nowMs: number): number {
  if (!probe.inRecovery) return 0; // a server that is not a standby (e.g. promoted) has nothing to wait for
  if (probe.replayLsn === null) return Infinity;
  // Without the primary's position, the best the replica knows: whether it applied all it received.
  const target = probe.primaryLsn ?? probe.receiveLsn;
  if (target === null || probe.replayLsn >= target) return 0;
  let lag = probe.sinceLastReplaySeconds ?? Infinity;
  for (const sample of samples) if (sample.lsn <= probe.replayLsn) lag = Math.min(lag, (nowMs - sample.atMs) / 1000);
  return Math.max(0, lag);
}

const seconds = (name: string, fallback: number) => {
  const value = Number(process.env[name]?.trim() || fallback);
  return Number.isFinite(value) && value >= 0 ? value : fallback;
};
/** Behind by more than this, reports say "as of" (DATABASE_REPLICA_MAX_LAG_SECONDS, default 30). */
export const noticeLagSeconds = () => seconds('DATABASE_REPLICA_MAX_LAG_SECONDS', 30);
/** Behind by more than this, reports read the primary (DATABASE_REPLICA_FALLBACK_LAG_SECONDS, default 600; 0: never). */
export const fallbackLagSeconds = () => seconds('DATABASE_REPLICA_FALLBACK_LAG_SECONDS', 600);

/** How long one look at the replica is trusted; a failed look longer, so a dead replica costs a connection attempt only now and then. */
const CHECK_MS = 5_000;
const FAILED_CHECK_MS = 30_000;
const PROBE_TIMEOUT_MS = 3_000;

type Status = { ok: true; lagSeconds: number; asOf: Date; checkedAt: number } | { ok: false; error: string; checkedAt: number };
type State = {
  url?: string;
  status?: Status;
  pending?: Promise<Status>;
  samples: LsnSample[];
  lastSource?: ReportReads['source'];
  barrier?: (() => Promise<void>) | null;
};
const globalState = globalThis as unknown as { __hoiReplica?: State };
const state: State = (globalState.__hoiReplica ??= { samples: [] });

/**
 * Where a report, dashboard or export reads: the replica (with `asOf` when it is behind more than the
 * notice threshold) or the primary — without a replica, when it cannot be reached, or when it is
 * behind more than the fallback threshold. Writes and reads of one's own just-written data never
 * come here: they use `db`.
 */
export async function readDb(): Promise<ReportReads> {
  const replica = getReplicaPrisma();
  if (!replica) return { db: getPrisma(), source: 'primary', asOf: null };
  if (state.barrier) await state.barrier();
  const status = await replicaStatus();
  const fallback = fallbackLagSeconds();
  // Behind by an unknown time (nothing replayed since it started, and no earlier sample): the primary.
  const useReplica = status.ok && Number.isFinite(status.lagSeconds) && !(fallback > 0 && status.lagSeconds > fallback);
  const reads: ReportReads = useReplica
    ? { db: replica, source: 'replica', asOf: status.lagSeconds > noticeLagSeconds() ? status.asOf : null }
    : { db: getPrisma(), source: 'primary', asOf: null };
  if (reads.source !== (state.lastSource ?? 'replica')) {
    const where = describePostgresUrl(state.url ?? '');
    const why = !status.ok ? `cannot be reached (${status.error})` : Number.isFinite(status.lagSeconds) ? `is ${Math.round(status.lagSeconds)} s behind` : 'is behind by an unknown time';
    console.warn(reads.source === 'primary' ? `Reports read the primary: the replica ${where} ${why}.` : `Reports read the replica ${where} again.`);
  }
  state.lastSource = reads.source;
  return reads;
}

/**
 * Waits (up to `timeoutMs`) until the replica has applied what the primary has written so far: after
 * a write the writer reads back at once through a report (the bank's figure on the summary page it
 * was entered on). True when caught up or without a replica; false on time-out — the report then
 * says "as of" if the lag is large, and a figure entered seconds ago may simply not show yet.
 */
export async function waitForReplay(timeoutMs = 2_000): Promise<boolean> {
  const replica = getReplicaPrisma();
  if (!replica) return true;
  const deadline = Date.now() + timeoutMs;
  try {
    const [primary] = await getPrisma().$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_flush_lsn()::text AS lsn`;
    const target = parseLsn(primary?.lsn ?? null);
    for (;;) {
      const [row] = await replica.$queryRaw<{ lsn: string | null; recovery: boolean }[]>`SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS recovery`;
      const replayed = parseLsn(row?.lsn ?? null);
      if (target === null || !row?.recovery || (replayed !== null && replayed >= target)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } catch {
    return false; // an unreachable replica: readDb() reads the primary anyway
  }
}

/** The replica's last known state, looked at again when older than a few seconds (one look at a time). */
async function replicaStatus(): Promise<Status> {
  const url = replicaDatabaseUrl()!;
  if (state.url !== url) forgetReplicaStatus(url);
  const fresh = state.status && Date.now() - state.status.checkedAt < (state.status.ok ? CHECK_MS : FAILED_CHECK_MS);
  if (fresh) return state.status!;
  state.pending ??= checkReplica(url).finally(() => (state.pending = undefined));
  return (state.status = await state.pending);
}

async function checkReplica(url: string): Promise<Status> {
  const checkedAt = Date.now();
  try {
    const atMs = now().getTime();
    const primaryLsn = await getPrisma()
      .$queryRaw<{ lsn: string }[]>`SELECT pg_current_wal_flush_lsn()::text AS lsn`
      .then((rows) => parseLsn(rows[0]?.lsn ?? null), () => null);
    const probe = { ...(await probeReplica(url)), primaryLsn };
    const appNow = now().getTime();
    const lagSeconds = replicaLagSeconds(probe, state.samples, appNow);
    if (primaryLsn !== null) {
      state.samples.push({ lsn: primaryLsn, atMs });
      // Samples older than the fallback threshold could only say "behind more than that".
      const horizon = appNow - Math.max(fallbackLagSeconds(), noticeLagSeconds(), 60) * 1000;
      state.samples = state.samples.filter((s) => s.atMs >= horizon).slice(-100);
    }
    return { ok: true, lagSeconds, asOf: new Date(appNow - (Number.isFinite(lagSeconds) ? lagSeconds * 1000 : 0)), checkedAt };
  } catch (error) {
    return { ok: false, error: (error as Error).message, checkedAt };
  }
}

/**
 * The replica's position and replay time, on a connection of its own: the report pool may be busy
 * with long queries, and "can a new session reach it" is what the reports need to know.
 */
export async function probeReplica(url: string): Promise<Omit<ReplicaProbe, 'primaryLsn'>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS, statement_timeout: PROBE_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ recovery: boolean; replay: string | null; receive: string | null; since: number | null }>(
      `SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS replay, pg_last_wal_receive_lsn()::text AS receive,
         extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8 AS since`,
    );
    const row = rows[0]!;
    return { inRecovery: row.recovery, replayLsn: parseLsn(row.replay), receiveLsn: parseLsn(row.receive), sinceLastReplaySeconds: row.since };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops what is known of the replica, so the next report looks again (tests; a changed URL). */
export function forgetReplicaStatus(url?: string): void {
  state.url = url;
  state.status = undefined;
  state.samples = [];
  state.lastSource = undefined;
}

/**
 * Tests only: a wait run before every read from the replica — the test setup waits there until the
 * replica has applied what the test wrote on the primary, so report tests see their own data.
 * Returns the one it replaces.
 */
export function setReplicaReadBarrier(barrier: (() => Promise<void>) | null): (() => Promise<void>) | null {
  const previous = state.barrier ?? null;
  state.barrier = barrier;
  return previous;
}
