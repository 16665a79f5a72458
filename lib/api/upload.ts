import { AppError } from '@/lib/errors';
import type { ImportFile } from '@/lib/imports/read-table';
import { MAX_IMPORT_BYTES } from '@/lib/imports/types';

/** The multipart field `file` of an upload, refused before reading when it is too large. */
export async function readUpload(request: Request): Promise<ImportFile> {
  return (await readUploadForm(request)).file;
}

/** An upload's `file` and its other (text) fields. */
export async function readUploadForm(request: Request): Promise<{ file: ImportFile; fields: FormData }> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > MAX_IMPORT_BYTES + 64 * 1024) throw new AppError('VALIDATION', 'imports.file.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'imports.file.missing');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new AppError('BAD_REQUEST', 'imports.file.missing');
  if (file.size > MAX_IMPORT_BYTES) throw new AppError('VALIDATION', 'imports.file.tooLarge', { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 });
  return { file: { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) }, fields: form };
}

export function download(stream: ReadableStream<Uint8Array>, fileName: string, contentType: string): Response {
  return new Response(stream, {
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  });
}

/** The multipart field `file` of an attachment upload, refused before reading when above `maxBytes`. */
export async function readAttachmentUpload(request: Request, maxBytes: number): Promise<ImportFile> {
  const tooLarge = () => new AppError('VALIDATION', 'inspections.file.tooLarge', { maxMb: maxBytes / 1024 / 1024 }, { file: { key: 'inspections.file.tooLarge', params: { maxMb: maxBytes / 1024 / 1024 } } });
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes + 64 * 1024) throw tooLarge();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new AppError('BAD_REQUEST', 'imports.file.missing');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new AppError('BAD_REQUEST', 'imports.file.missing');
  if (file.size > maxBytes) throw tooLarge();
  return { fileName: file.name, data: new Uint8Array(await file.arrayBuffer()) };
}
