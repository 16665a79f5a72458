import pg from 'pg';
import { parseLsn } from '@/lib/db/replica';
import { databaseUrlWithName } from './global-database';

// Tests that read reports from a streaming replica (DATABASE_REPLICA_URL) see what they just wrote
// on the primary only once the replica has applied it: before each such read, the test setup waits
// here until the replica's replay reaches the primary's flushed WAL position — polling, no sleeps
// of a guessed length. Production code never waits: it says "as of" instead (decision 021).

export interface ReplicaWaiter {
  /** Resolves once the replica has applied everything the primary had flushed when called. */
  wait(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Connections to both servers' maintenance database (the test's own may not have reached the replica yet). */
export function replicaWaiter(primaryUrl: string, replicaUrl: string): ReplicaWaiter {
  let clients: Promise<[pg.Client, pg.Client]> | null = null;
  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: databaseUrlWithName(url, 'postgres') });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  };
  return {
    async wait(timeoutMs = 60_000) {
      clients ??= Promise.all([connect(primaryUrl), connect(replicaUrl)]);
      const [primary, replica] = await clients;
      const target = parseLsn((await primary.query<{ lsn: string }>('SELECT pg_current_wal_flush_lsn()::text AS lsn')).rows[0]!.lsn)!;
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { rows } = await replica.query<{ lsn: string | null; recovery: boolean }>('SELECT pg_last_wal_replay_lsn()::text AS lsn, pg_is_in_recovery() AS recovery');
        const replayed = parseLsn(rows[0]!.lsn);
        if (!rows[0]!.recovery || (replayed !== null && replayed >= target)) return;
        if (Date.now() > deadline) throw new Error(`The replica did not apply the primary's WAL up to ${rows[0]!.lsn} within ${timeoutMs / 1000} s (is replay paused?)`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      const open = clients;
      clients = null;
      if (open) await Promise.all((await open).map((c) => c.end().catch(() => undefined)));
    },
  };
}
