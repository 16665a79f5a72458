// POST /api/v1/reports/narrative/docx (form or JSON: title, text) — the (edited) year-end report as a
// Word document. Needs loan:read; the text is the user's own, limited to 100 000 characters.
import { assertCan } from '@/lib/auth/actor';
import { readForm } from '@/lib/api/read-body';
import { apiRoute, MAX_JSON_BYTES, readJson } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { buildDocx } from '@/lib/reports/docx';

const MAX_TEXT = 100_000;
// The page posts an HTML form: URL-encoded, a Vietnamese letter is up to 9 bytes (%E1%BB%AF).
const MAX_FORM_BYTES = 2 * MAX_JSON_BYTES;
const tooLarge = () => new AppError('BAD_REQUEST', 'errors.bodyTooLarge', { maxKb: MAX_FORM_BYTES / 1024 });
const unreadable = () => new AppError('BAD_REQUEST', 'errors.badForm');

export const POST = apiRoute(async ({ actor, request }) => {
  assertCan(actor, 'loan:read');
  const body = request.headers.get('content-type')?.includes('application/json')
    ? { ...((await readJson(request)) as object) } as Record<string, unknown>
    : Object.fromEntries((await readForm(request, MAX_FORM_BYTES, { tooLarge, unreadable })).entries());
  const title = typeof body.title === 'string' ? body.title.slice(0, 300) : '';
  const text = typeof body.text === 'string' ? body.text : '';
  if (!text.trim() || text.length > MAX_TEXT) throw new AppError('VALIDATION', 'validation.required', { field: 'text' }, { text: { key: 'validation.required', params: { field: 'text' } } });
  const docx = await buildDocx(title || 'Báo cáo tổng kết', text);
  return new Response(docx as unknown as BodyInit, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'content-disposition': 'attachment; filename="bao-cao-tong-ket.docx"',
      'cache-control': 'no-store',
    },
  });
}, { forms: true });
