import { AppError } from '@/lib/errors';
import { readBody } from './read-body';

/** The largest JSON body an API call takes (a 60-member collection sheet is about 30 kB). */
export const MAX_JSON_BYTES = 1024 * 1024;

export async function readJson(request: Request): Promise<unknown> {
  const body = await readBody(request, MAX_JSON_BYTES, {
    tooLarge: () => new AppError('BAD_REQUEST', 'errors.bodyTooLarge', { maxKb: MAX_JSON_BYTES / 1024 }),
    unreadable: () => new AppError('BAD_REQUEST', 'errors.badJson'),
  });
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw new AppError('BAD_REQUEST', 'errors.badJson');
  }
}
