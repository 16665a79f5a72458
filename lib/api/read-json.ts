import { AppError } from '@/lib/errors';

/** The largest JSON body an API call takes (a 60-member collection sheet is about 30 kB). */
export const MAX_JSON_BYTES = 1024 * 1024;

export async function readJson(request: Request): Promise<unknown> {
  const tooLarge = () => new AppError('BAD_REQUEST', 'errors.bodyTooLarge', { maxKb: MAX_JSON_BYTES / 1024 });
  if (Number(request.headers.get('content-length') ?? 0) > MAX_JSON_BYTES) throw tooLarge();
  let text: string;
  try {
    text = await request.text();
  } catch {
    throw new AppError('BAD_REQUEST', 'errors.badJson');
  }
  // A body sent without a length (chunked) is measured once read.
  if (new TextEncoder().encode(text).length > MAX_JSON_BYTES) throw tooLarge();
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'errors.badJson');
  }
}
