import { AppError } from '@/lib/errors';

// Cross-site request forgery (issue 22 §1): a browser sends the session cookie with a request a page
// of another site (or another port of the same host) makes, and SameSite=Lax does not stop a POST
// from a sibling port ("same site"). So a write authenticated by the cookie, rather than by a bearer
// token a page of another origin cannot read, must come from the app's own origin, and carry a body
// type an HTML form or a no-cors fetch cannot send: JSON (multipart or a form only where the route
// takes an upload or a form, still from our own origin).

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const originOf = (value: string | null | undefined) => {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
};

/**
 * The origins this request may come from: the URL it was addressed to (its Host header), the
 * proxy's forwarded host when TRUST_PROXY=1, and the public URL NEXTAUTH_URL when it is set.
 */
export function ownOrigins(request: Request): Set<string> {
  const url = new URL(request.url);
  const origins = new Set([url.origin]);
  const host = request.headers.get('host');
  const add = (value: string | null) => {
    const origin = originOf(value);
    if (origin) origins.add(origin);
  };
  if (host) add(`${url.protocol}//${host}`);
  if (process.env.TRUST_PROXY === '1') {
    const forwardedHost = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
    const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(':', '');
    if (forwardedHost) add(`${forwardedProto}://${forwardedHost}`);
  }
  add(process.env.NEXTAUTH_URL ?? null);
  return origins;
}

/**
 * Whether the request comes from one of our own pages: its Origin header is ours; without one
 * (older browsers on some requests), Sec-Fetch-Site says same-origin, or the Referer is ours. A
 * request with none of the three is not taken as ours.
 */
export function isSameOrigin(request: Request): boolean {
  const own = ownOrigins(request);
  const origin = request.headers.get('origin');
  if (origin !== null) return own.has(originOf(origin) ?? '');
  const site = request.headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin';
  const referer = originOf(request.headers.get('referer'));
  return referer !== null && own.has(referer);
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^(?:multipart\/form-data|application\/x-www-form-urlencoded)\s*(?:;|$)/i;

const hasBody = (request: Request) =>
  request.headers.has('content-type') || request.headers.has('transfer-encoding') || Number(request.headers.get('content-length') ?? 0) > 0;

/**
 * For a write authenticated by the session cookie: 403 from another origin, 415 for a body that is
 * not JSON (nor, where the route takes one, an upload or a form). Reads and bearer-token calls pass.
 */
export function assertCookieWriteAllowed(request: Request, { forms = false } = {}) {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  if (!isSameOrigin(request)) throw new AppError('FORBIDDEN', 'errors.crossOrigin');
  if (!hasBody(request)) return;
  const type = request.headers.get('content-type') ?? '';
  if (JSON_TYPE.test(type) || (forms && FORM_TYPE.test(type))) return;
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'errors.jsonRequired');
}
