import { AppError } from '@/lib/errors';
import type { ImportFile } from '@/lib/imports/read-table';
import { MAX_IMPORT_BYTES } from '@/lib/imports/types';
import { readForm } from './read-body';

// A multipart body is its file plus the form's boundaries and other fields: this much more is allowed.
const FORM_OVERHEAD = 64 * 1024;
const missing = () => new AppError('BAD_REQUEST', 'imports.file.missing');

/** The multipart field `file` of an upload, refused once it is read past the limit (lib/api/read-body.ts). */
export async function readUpload(request: Request): Promise<ImportFile> {
  return (await readUploadForm(request)).file;
}

/** An upload's `file` and its other (text) fields. */
export async function readUploadForm(request: Request): Promise<{ file: ImportFile; fields: FormData }> {
  const tooLarge = () => new AppError('VALIDATION', 'imports.file.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  const form = await readForm(request, MAX_IMPORT_BYTES + FORM_OVERHEAD, { tooLarge, unreadable: missing });
  const file = form.get('file');
  if (!(file instanceof File)) throw missing();
  if (file.size > MAX_IMPORT_BYTES) throw tooLarge();
  return { file: { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) }, fields: form };
}

export function download(stream: ReadableStream<Uint8Array>, fileName: string, contentType: string): Response {
  return new Response(stream, {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  });
}

/** The multipart field `file` of an attachment upload, refused once it is read past `maxBytes` and the form's overhead. */
export async function readAttachmentUpload(request: Request, maxBytes: number): Promise<ImportFile> {
  const tooLarge = () => new AppError('VALIDATION', 'inspections.file.tooLarge', { maxMb: maxBytes / 1024 / 1024 }, { file: { key: 'inspections.file.tooLarge', params: { maxMb: maxBytes / 1024 / 1024 } } });
  const form = await readForm(request, maxBytes + FORM_OVERHEAD, { tooLarge, unreadable: missing });
  const file = form.get('file');
  if (!(file instanceof File)) throw missing();
  if (file.size > maxBytes) throw tooLarge();
  return { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}
