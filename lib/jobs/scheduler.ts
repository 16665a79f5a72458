import { Cron } from 'croner';
import { runDueJobs } from './run-due-jobs';
import { errorMessage } from './run-job';

// The server's own timer (started by instrumentation.ts in the running server only): a croner job
// that ticks every minute (SCHEDULER_TICK_SECONDS) and asks which jobs are due (./run-due-jobs.ts).
// The tick itself is on the machine's time; whether a job is due is decided on the application
// clock. `protect` keeps ticks from overlapping while a long job runs; the first tick is at start,
// so a slot missed while the server was down runs then. SCHEDULER=off leaves it stopped.

const state = globalThis as unknown as { __hoiScheduler?: Cron };

export function schedulerEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.SCHEDULER?.trim().toLowerCase() !== 'off';
}

export function tickSeconds(env: Record<string, string | undefined> = process.env): number {
  const setting = env.SCHEDULER_TICK_SECONDS?.trim();
  if (!setting) return 60;
  const seconds = Number(setting);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) {
    throw new Error(`SCHEDULER_TICK_SECONDS="${setting}" must be a whole number of seconds from 1 to 3600`);
  }
  return seconds;
}

/** Starts the scheduler once per process; null when SCHEDULER=off. */
export function startScheduler(): Cron | null {
  if (!schedulerEnabled()) return null;
  if (state.__hoiScheduler) return state.__hoiScheduler;
  const tick = new Cron(
    '* * * * * *',
    {
      interval: tickSeconds(),
      protect: true,
      // The HTTP server keeps the process alive; the timer alone must not.
      unref: true,
      catch: (error) => console.error(`[jobs] tick failed: ${errorMessage(error)}`),
    },
    async () => {
      await runDueJobs();
    },
  );
  state.__hoiScheduler = tick;
  tick.trigger().catch((error: unknown) => console.error(`[jobs] tick failed: ${errorMessage(error)}`));
  console.log(`[jobs] scheduler started (tick ${tickSeconds()} s)`);
  return tick;
}
