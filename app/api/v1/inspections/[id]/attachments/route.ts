// POST /api/v1/inspections/:id/attachments — multipart field `file`: JPEG, PNG or PDF (by content), ≤ 5 MB.
import { apiRoute, json } from '@/lib/api/route';
import { readAttachmentUpload } from '@/lib/api/upload';
import { assertCan } from '@/lib/auth/actor';
import { addAttachment, MAX_ATTACHMENT_BYTES } from '@/lib/inspections';

export const POST = apiRoute<{ id: string }>(async ({ actor, params, request }) => {
  assertCan(actor, 'inspection:write'); // before reading up to 5 MB from someone who may not write
  return json(await addAttachment(actor, params.id, await readAttachmentUpload(request, MAX_ATTACHMENT_BYTES)), 201);
}, { forms: true });
