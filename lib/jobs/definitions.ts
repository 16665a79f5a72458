import { todayInVietnam } from '@/lib/clock';
import { removeExpiredThrottles } from '@/lib/auth/throttle';
import { failAbandonedExportJobs, removeExpiredExportFiles } from '@/lib/exports/jobs';
import { failAbandonedImportJobs } from '@/lib/imports/jobs';
import { refreshOpenLoans } from '@/lib/loans/loan-figures';
import { keepMonthEnds } from '@/lib/loans/month-ends';
import { anonymiseDueMembers } from '@/lib/privacy/anonymise';

// The jobs the server runs itself. Each has a cron pattern read in Asia/Ho_Chi_Minh on the
// application clock (./schedule.ts), and answers with counts of what it did (shown on /jobs).

/** What a run's result may count; each has a message `jobs.result.<key>`. */
export const RESULT_KEYS = ['loans', 'monthEnds', 'loansComputed', 'files', 'exportJobs', 'importJobs', 'throttles', 'members'] as const;
export type JobResult = Partial<Record<(typeof RESULT_KEYS)[number], number>>;

export interface JobContext {
  /** Called as work progresses (the command line prints it). */
  onProgress?: (done: number) => void;
}

export interface JobDefinition {
  /** Stable name, stored on each run: "loans.refresh". */
  name: string;
  /** Its messages: `jobs.job.<key>.title`, `.schedule`, `.description`. */
  key: string;
  /** Cron pattern (minute hour day month weekday), Vietnam time. */
  pattern: string;
  run(context: JobContext): Promise<JobResult>;
}

export const JOBS: JobDefinition[] = [
  {
    // Time makes loans overdue without any posting: every open loan's cached figures (dư nợ,
    // overdue, days past due) are brought up to the new day before anyone reads them.
    name: 'loans.refresh',
    key: 'loansRefresh',
    pattern: '5 0 * * *',
    run: async ({ onProgress }) => ({ loans: await refreshOpenLoans(todayInVietnam(), onProgress) }),
  },
  {
    // A past month's or year's overdue is read from the figures kept at its end (decision 029): the
    // month just over is kept, and loans posted back-dated since are recomputed.
    name: 'loans.month-ends',
    key: 'loansMonthEnds',
    pattern: '45 0 * * *',
    run: async ({ onProgress }) => {
      const { monthEnds, loans } = await keepMonthEnds(todayInVietnam(), onProgress);
      return { monthEnds, loansComputed: loans };
    },
  },
  {
    name: 'exports.cleanup',
    key: 'exportsCleanup',
    pattern: '15 0 * * *',
    run: async () => ({ files: await removeExpiredExportFiles(), exportJobs: await failAbandonedExportJobs(), importJobs: await failAbandonedImportJobs() }),
  },
  {
    // Failed sign-ins whose lock window has passed count for nothing; they hold addresses.
    name: 'auth.throttle-cleanup',
    key: 'throttleCleanup',
    pattern: '20 0 * * *',
    run: async () => ({ throttles: await removeExpiredThrottles() }),
  },
  {
    // Law 91/2025/QH15: a member whose retention period has ended is anonymised (decision 027).
    name: 'privacy.anonymise',
    key: 'privacyAnonymise',
    pattern: '30 1 * * *',
    run: async ({ onProgress }) => ({ members: await anonymiseDueMembers(onProgress) }),
  },
];

export function jobNamed(name: string): JobDefinition | undefined {
  return JOBS.find((job) => job.name === name);
}
