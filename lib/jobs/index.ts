export { JOBS, RESULT_KEYS, jobNamed, type JobDefinition, type JobResult } from './definitions';
export { listJobs, RECENT_RUNS, type JobsOverview } from './list-jobs';
export { INTERRUPTED, MAX_ATTEMPTS, runDueJobs } from './run-due-jobs';
export { runJobFromCommand, runJobNow } from './run-job-now';
