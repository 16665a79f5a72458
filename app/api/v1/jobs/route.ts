// GET /api/v1/jobs — the jobs the server runs itself (administrators): {now, jobs: [{name, pattern,
//     timeZone, nextRunAt, lastRun}], runs: [the latest 30 runs: job, slot, trigger, status, attempt,
//     startedAt, finishedAt, durationMs, result, error]}. Times are the application clock's.
import { apiRoute, json } from '@/lib/api/route';
import { listJobs } from '@/lib/jobs';

export const GET = apiRoute(async ({ actor }) => json(await listJobs(actor)));
