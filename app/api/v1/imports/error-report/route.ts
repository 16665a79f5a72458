// POST /api/v1/imports/error-report?kind=... — multipart `file`: the same sheet with an added
// "Lỗi" column naming each row's problems, so the officer fixes it in Excel and uploads again.
import { apiRoute, requestLocale } from '@/lib/api/route';
import { download, readUpload } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { errorReportFor } from '@/lib/imports/error-report-for';

export const POST = apiRoute(async ({ request, actor }) => {
  const kind = new URL(request.url).searchParams.get('kind') ?? '';
  assertCan(actor, 'import:run'); // before reading the upload
  const file = await readUpload(request);
  const stream = await errorReportFor(actor, kind, file, requestLocale(request));
  return download(stream, `loi-${kind}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}, { forms: true });
