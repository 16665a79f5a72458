// GET /api/v1/export-jobs/:id — {status: QUEUED|RUNNING|DONE|FAILED, claimedBy, rowsDone, rowsTotal, fileName, error}; only its creator sees it.
import { apiRoute, json } from '@/lib/api/route';
import { getExportJob } from '@/lib/exports/jobs';

export const GET = apiRoute<{ id: string }>(async ({ actor, params }) => json(await getExportJob(actor, params.id)));
