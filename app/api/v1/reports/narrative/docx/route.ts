// POST /api/v1/reports/narrative/docx (form or JSON: title, text) — the (edited) year-end report as a
// Word document. Needs loan:read; the text is the user's own, limited to 100 000 characters.
import { assertCan } from '@/lib/auth/actor';
import { apiRoute } from '@/lib/api/route';
import { AppError } from '@/lib/errors';
import { buildDocx } from '@/lib/reports/docx';

const MAX_TEXT = 100_000;

export const POST = apiRoute(async ({ actor, request }) => {
  assertCan(actor, 'loan:read');
  const body = request.headers.get('content-type')?.includes('application/json')
    ? ((await request.json().catch(() => ({}))) as Record<string, unknown>)
    : Object.fromEntries((await request.formData()).entries());
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
