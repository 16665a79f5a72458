import { StartupError } from '@/lib/db/startup-error';

/** Runs a command-line task: a StartupError prints its one sentence; anything else its stack. */
export function runCli(task: () => Promise<number | void>): void {
  task()
    .then((code) => process.exit(code ?? 0))
    .catch((error: unknown) => {
      if (error instanceof StartupError) console.error(error.message);
      else console.error(error);
      process.exit(1);
    });
}
