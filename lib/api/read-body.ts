import { AppError } from '@/lib/errors';

interface BodyErrors {
  /** The body is larger than allowed. */
  tooLarge: () => AppError;
  /** The body could not be read (the client broke off). */
  unreadable: () => AppError;
}

/**
 * The request body's bytes, refused as soon as they pass `maxBytes`: by Content-Length before any
 * is read, and for a body sent without one (chunked) or with a false one, at the first chunk past
 * the limit — the rest is never read nor kept.
 */
export async function readBody(request: Request, maxBytes: number, errors: BodyErrors): Promise<Uint8Array<ArrayBuffer>> {
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) throw errors.tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      throw errors.unreadable();
    }
    if (chunk.done) break;
    size += chunk.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw errors.tooLarge();
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** A multipart or URL-encoded form of at most `maxBytes`, read as `readBody` reads. */
export async function readForm(request: Request, maxBytes: number, errors: BodyErrors): Promise<FormData> {
  const body = await readBody(request, maxBytes, errors);
  try {
    return await new Response(body, { headers: { 'content-type': request.headers.get('content-type') ?? '' } }).formData();
  } catch {
    throw errors.unreadable();
  }
}
