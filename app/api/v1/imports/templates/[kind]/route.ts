// GET /api/v1/imports/templates/:kind — the XLSX template: Vietnamese headers, one example row,
// and an instructions sheet.
import { apiRoute, requestLocale } from '@/lib/api/route';
import { download } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { buildTemplate } from '@/lib/imports/build-template';
import { importKind } from '@/lib/imports/kinds/registry';

export const GET = apiRoute<{ kind: string }>(async ({ actor, params, request }) => {
  assertCan(actor, 'import:run');
  const kind = importKind(params.kind);
  return download(buildTemplate(kind.spec, { locale: requestLocale(request) }), `mau-${params.kind}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
});
