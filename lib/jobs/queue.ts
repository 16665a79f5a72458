import { hostname } from 'node:os';
import { db, Prisma } from '@/lib/db';

// The job table as a queue (decision 026): a request only inserts a QUEUED row; a worker in any
// server instance claims the oldest one with FOR UPDATE SKIP LOCKED, so two workers racing for it
// never both get it, and runs it. Works the same on PostgreSQL and on the embedded database.

/** The tables that are queues; their rows have id, status (QUEUED…), createdAt, startedAt, claimedBy. */
export type QueueTable = 'ExportJob' | 'ImportJob';

/** Names this server instance in claimedBy: INSTANCE_ID, or host:pid. */
export function instanceId(env: Record<string, string | undefined> = process.env): string {
  return env.INSTANCE_ID?.trim() || `${hostname()}:${process.pid}`;
}

/** Claims the oldest queued job of the table for `by` (QUEUED → RUNNING); null when none is left. */
export async function claimNext(table: QueueTable, by: string = instanceId()): Promise<string | null> {
  const name = Prisma.raw(`"${table}"`); // one of two fixed names, never input
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE ${name} SET "status" = 'RUNNING', "startedAt" = now(), "updatedAt" = now(), "claimedBy" = ${by}
    WHERE "id" = (SELECT "id" FROM ${name} WHERE "status" = 'QUEUED' ORDER BY "createdAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id"`;
  return rows[0]?.id ?? null;
}

interface LaneState {
  running: Promise<void> | null;
  /** Woken while draining: look again before stopping (a job may have come after the last look). */
  again: boolean;
}

// On globalThis: the server's instrumentation and its routes may load this module separately, and
// must share one lane (one running job of each table per instance).
const lanes = ((globalThis as unknown as { __hoiQueueLanes?: Map<QueueTable, LaneState> }).__hoiQueueLanes ??= new Map());

/**
 * One job of the table at a time in this instance: `drain` claims and runs queued jobs until none
 * is left; calling it while it runs makes it look once more and returns the same promise. `run`
 * never throws (it writes a failure to the job).
 */
export function lane(table: QueueTable, run: (id: string) => Promise<void>) {
  const state = lanes.get(table) ?? { running: null, again: false };
  lanes.set(table, state);
  async function loop() {
    try {
      for (;;) {
        state.again = false;
        const id = await claimNext(table).catch((error: unknown) => {
          console.error(`[jobs] claiming a ${table} failed: ${(error as Error).message}`);
          return null;
        });
        if (id) await run(id);
        else if (!state.again) return;
      }
    } finally {
      state.running = null;
    }
  }
  return {
    table,
    drain(): Promise<void> {
      if (state.running) {
        state.again = true;
        return state.running;
      }
      state.running = loop();
      return state.running;
    },
    get busy() {
      return state.running !== null;
    },
  };
}

export type Lane = ReturnType<typeof lane>;

/**
 * Moves a running job's updatedAt on while it runs, so other instances do not read it as cut off;
 * returns the stop. Machine time: it is a technical timestamp.
 */
export function keepAlive(table: QueueTable, id: string, everyMs = 30_000): () => void {
  const name = Prisma.raw(`"${table}"`);
  const timer = setInterval(() => {
    db.$executeRaw`UPDATE ${name} SET "updatedAt" = now() WHERE "id" = ${id}::uuid AND "status" = 'RUNNING'`.catch(() => undefined);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
