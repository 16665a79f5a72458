// POST /api/v1/jobs/:name/run — runs a job now, outside its schedule (administrators; audited):
//      202 with the run (status RUNNING); poll GET /api/v1/jobs for its outcome. 409 if it is running.
import { apiRoute, json } from '@/lib/api/route';
import { runJobNow } from '@/lib/jobs';

export const POST = apiRoute<{ name: string }>(async ({ actor, params }) => json((await runJobNow(actor, params.name)).run, 202));
