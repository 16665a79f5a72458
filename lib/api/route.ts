import { NextResponse } from 'next/server';
import type { Actor } from '@/lib/auth/actor';
import { actorFromRequest } from '@/lib/auth/session';
import { isDatabaseBusy } from '@/lib/db/busy';
import { AppError, type ErrorCode } from '@/lib/errors';
import { localeFromAcceptLanguage, LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';
import { translateError } from '@/lib/i18n/translate';
import { assertCookieWriteAllowed } from './same-origin';

const STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VALIDATION: 422,
  RATE_LIMITED: 429,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAVAILABLE: 503,
};

/** How long a client should wait before sending a request the busy database could not finish. */
const BUSY_RETRY_AFTER_SECONDS = 2;

/** The caller's language: the interface cookie first, then Accept-Language, then Vietnamese. */
export function requestLocale(request: Request) {
  const cookie = request.headers.get('cookie')?.match(new RegExp(`${LOCALE_COOKIE}=(\\w+)`))?.[1];
  return cookie ? toLocale(cookie) : localeFromAcceptLanguage(request.headers.get('accept-language'));
}

/**
 * JSON with bigint amounts as numbers (whole đồng stay exact up to 2^53 - 1 ≈ 9 × 10^15). Never
 * stored by a browser or a proxy: every answer of the API may hold personal or financial data.
 */
export function json(body: unknown, status = 200): NextResponse {
  const text = JSON.stringify(body, (_key, value) => (typeof value === 'bigint' ? Number(value) : value));
  return new NextResponse(text, { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

export function errorResponse(request: Request, error: unknown): NextResponse {
  if (isDatabaseBusy(error)) {
    const busy = json({ error: translateError(requestLocale(request), new AppError('UNAVAILABLE', 'errors.busy')) }, 503);
    busy.headers.set('retry-after', String(BUSY_RETRY_AFTER_SECONDS));
    return busy;
  }
  if (error instanceof AppError) {
    const translated = translateError(requestLocale(request), error);
    return json({ error: translated }, STATUS[error.code]);
  }
  console.error(error);
  const translated = translateError(requestLocale(request), new AppError('BAD_REQUEST', 'errors.internal'));
  return json({ error: { ...translated, code: 'INTERNAL' } }, 500);
}

export { MAX_JSON_BYTES, readJson } from './read-json';

type Params = Record<string, string>;
type Handler<P> = (ctx: { request: Request; actor: Actor; params: P }) => Promise<Response>;

/**
 * Wraps an /api/v1 handler: authenticates (token or session) and maps errors to JSON. A write
 * signed in by the session cookie must come from the app's own origin with a JSON body (403, 415:
 * lib/api/same-origin.ts); `forms`: the route also takes an upload or an HTML form from our pages.
 */
export function apiRoute<P extends Params = Params>(handler: Handler<P>, { forms = false } = {}) {
  return async (request: Request, context: { params: Promise<P> }) => {
    try {
      const byToken = request.headers.get('authorization')?.startsWith('Bearer ') ?? false;
      const actor = await actorFromRequest(request);
      if (!byToken) assertCookieWriteAllowed(request, { forms });
      return await handler({ request, actor, params: await context.params });
    } catch (error) {
      return errorResponse(request, error);
    }
  };
}
