// POST /api/v1/imports?kind=org-units|groups|members|loans|repayments|savings|reorganisation&dryRun=0|1 —
// multipart field `file` (XLSX or CSV). All-or-nothing: 200 with counts, or 422 with every problem as
// {row, column, message}. With `Accept: application/x-ndjson` the answer streams progress lines, then
// the result line. With `Prefer: respond-async` (or `async=1`) it answers 202 {id, status} at once and
// runs the import as a job: poll GET /api/v1/imports/jobs/:id (for files that take longer than a
// client waits: Node's fetch gives up after 300 s).
import { apiRoute, errorResponse, json, requestLocale } from '@/lib/api/route';
import { readUpload } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { startImportJob } from '@/lib/imports/jobs';
import { runImport, type ImportProgress } from '@/lib/imports/run-import';

const wantsJob = (request: Request, url: URL) => url.searchParams.get('async') === '1' || /\brespond-async\b/i.test(request.headers.get('prefer') ?? '');

export const POST = apiRoute(async ({ request, actor }) => {
  const url = new URL(request.url);
  const kind = url.searchParams.get('kind') ?? '';
  const dryRun = url.searchParams.get('dryRun') === '1';
  const locale = requestLocale(request);
  assertCan(actor, 'import:run'); // before reading up to 20 MB from someone who may not import
  const file = await readUpload(request);
  if (wantsJob(request, url)) {
    const { job } = await startImportJob(actor, { kind, dryRun, locale, file });
    const response = json({ id: job.id, status: job.status }, 202);
    response.headers.set('location', `/api/v1/imports/jobs/${job.id}`);
    response.headers.set('preference-applied', 'respond-async');
    return response;
  }
  if (!request.headers.get('accept')?.includes('application/x-ndjson')) {
    const result = await runImport(actor, kind, file, { dryRun, locale });
    return json(result, result.ok ? 200 : 422);
  }
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => controller.enqueue(encoder.encode(`${JSON.stringify(line, (_key, value) => (typeof value === 'bigint' ? Number(value) : value))}\n`));
      let last = 0;
      const onProgress = (progress: ImportProgress) => {
        if (progress.done === 0 || progress.done === progress.total || Date.now() - last > 200) {
          last = Date.now();
          send({ progress });
        }
      };
      try {
        send({ result: await runImport(actor, kind, file, { dryRun, locale, onProgress }) });
      } catch (error) {
        send(await errorResponse(request, error).json());
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
}, { forms: true });
