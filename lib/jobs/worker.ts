import { exportLane } from '@/lib/exports/jobs';
import { importLane } from '@/lib/imports/jobs';
import { instanceId } from './queue';

// The job worker of every server instance (started by instrumentation.ts beside the scheduler,
// decision 026): about once a second it looks for queued export and import jobs — queued by any
// instance — and runs them, at most one export and one import at a time here. An instance also
// wakes its own worker the moment it queues a job, so on one server nothing waits for the poll.

const POLL_MS = 1_000;
const state = globalThis as unknown as { __hoiJobWorker?: NodeJS.Timeout };

/** Starts polling once per process; returns the stop. */
export function startJobWorker(pollMs = POLL_MS): () => void {
  if (!state.__hoiJobWorker) {
    // A busy lane is not waited for: the other still starts its next job.
    const poll = () => {
      for (const l of [exportLane, importLane]) if (!l.busy) void l.drain();
    };
    state.__hoiJobWorker = setInterval(poll, pollMs);
    // The HTTP server keeps the process alive; the timer alone must not.
    state.__hoiJobWorker.unref();
    poll();
    console.log(`[jobs] worker ${instanceId()} takes queued exports and imports`);
  }
  return () => {
    clearInterval(state.__hoiJobWorker);
    state.__hoiJobWorker = undefined;
  };
}
