// GET /api/v1/imports/jobs/:id — {id, kind, status: QUEUED|RUNNING|DONE|FAILED, phase, done, total, result, error};
// `result` is what the synchronous import answers (counts, row problems, the repayments' split); only its creator sees it.
import { apiRoute, json, requestLocale } from '@/lib/api/route';
import { getImportJob } from '@/lib/imports/jobs';

export const GET = apiRoute<{ id: string }>(async ({ actor, params, request }) => json(await getImportJob(actor, params.id, requestLocale(request))));
