import type { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import { databaseTarget, pgliteDataDir, replicaDatabaseUrl } from './config';
import { newPglite } from './pglite';

// The one place that instantiates the generated client. One client per process, cached on
// globalThis so that dev hot reload and test helpers reuse it (PGlite is single-process).
type Cache = { prisma?: PrismaClient; pglite?: PGlite; replica?: PrismaClient | null };
const cache = globalThis as unknown as { __hoiDb?: Cache };
const state: Cache = (cache.__hoiDb ??= {});

export function getPglite(): PGlite {
  const target = databaseTarget();
  if (target.kind !== 'pglite') throw new Error('The embedded database is not in use (DATABASE_URL is set).');
  state.pglite ??= newPglite({ dataDir: pgliteDataDir(target.dir) });
  return state.pglite;
}

export function getPrisma(): PrismaClient {
  if (state.prisma) return state.prisma;
  const target = databaseTarget();
  const adapter =
    target.kind === 'pglite'
      ? new PrismaPGlite(getPglite())
      // JIT compilation costs more than it saves on reports of a second or less (measured: a province's
      // summary 1.5 s → 0.9 s without it after a reorganisation), so the sessions run without it.
      : new PrismaPg({ connectionString: target.url, max: poolSize(), options: '-c jit=off' });
  // Under load (collection day: 200 sessions saving sheets) a transaction may wait for a pooled
  // connection and run slower than Prisma's defaults allow (2 s to start, 5 s to finish), which
  // failed saves that would have succeeded. Waiting longer queues them instead; a transaction that
  // still cannot finish answers 503 "busy, send again" (lib/db/busy.ts), never a half-save.
  state.prisma = new PrismaClient({ adapter, transactionOptions: { maxWait: 15_000, timeout: 30_000 } });
  return state.prisma;
}

/**
 * The client on the streaming replica (DATABASE_REPLICA_URL), with its own pool; null without one.
 * Report services reach it through `readDb()` (lib/db/replica.ts), which falls back to the primary
 * when the replica is unreachable or far behind (decision 021). Its sessions are read-only, so a
 * write sent here by mistake fails even if the URL names a primary.
 */
export function getReplicaPrisma(): PrismaClient | null {
  if (state.replica !== undefined) return state.replica;
  const url = replicaDatabaseUrl();
  state.replica = url
    ? new PrismaClient({
        adapter: new PrismaPg({ connectionString: url, max: poolSize(), connectionTimeoutMillis: 5_000, options: '-c jit=off -c default_transaction_read_only=on' }),
      })
    : null;
  return state.replica;
}

const poolSize = () => Number(process.env.DATABASE_POOL_SIZE ?? 10);

/** Closes the clients and the embedded database, so another process may open the folder. */
export async function closeDb(): Promise<void> {
  await state.prisma?.$disconnect();
  await state.replica?.$disconnect();
  await state.pglite?.close();
  state.prisma = undefined;
  state.replica = undefined;
  state.pglite = undefined;
}
