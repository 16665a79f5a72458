// The production HTTP server: Next's request handler behind Node's own http server, so that the
// client address used by the sign-in rate limit is the real socket address. A client cannot then
// dodge (or aim) the per-address lock with its own X-Forwarded-For header. Behind a reverse proxy,
// set TRUST_PROXY=1 to keep the proxy's header instead. Started by lib/cli/start.ts.
//
// It also sets the Content-Security-Policy, with a fresh nonce per response: scripts run only if
// they carry the nonce or were loaded by one that does ('strict-dynamic') — no 'unsafe-inline', so
// injected markup cannot run script. Next.js reads the nonce from the request's CSP header and puts
// it on its own inline and chunk scripts (what a proxy.ts would do; this server is that place here).
//
// A server action posted from another origin is answered 403 here (issue 22 §1). Next refuses it
// too, but by throwing, which the client sees as a 500 "server error".
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const trustProxy = process.env.TRUST_PROXY === '1';

const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

/** The policy of one response. Styles may be inline (React's style attributes, Tailwind). */
const contentSecurityPolicy = (nonce) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');

const hostOf = (url) => {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
};
const publicHost = process.env.NEXTAUTH_URL ? hostOf(process.env.NEXTAUTH_URL) : null;

/**
 * A server action (POST with a Next-Action header) whose Origin is not this server: its Host, the
 * host a proxy forwarded (what Next itself compares with), or the public URL NEXTAUTH_URL. An
 * opaque origin ("null") is foreign; a request without Origin is left to Next, as Next does.
 */
function foreignServerAction(req) {
  if (req.method !== 'POST' || !req.headers['next-action']) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const from = hostOf(origin);
  const own = [req.headers.host, req.headers['x-forwarded-host']?.split(',')[0]?.trim(), publicHost].filter(Boolean);
  return !from || !own.includes(from);
}

const crossOriginMessage = JSON.parse(readFileSync(path.join(process.cwd(), 'lib/i18n/messages/vi/core.json'), 'utf8')).errors.crossOrigin;

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'));
  req.headers['content-security-policy'] = policy;
  res.setHeader('Content-Security-Policy', policy);
  if (foreignServerAction(req)) {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(JSON.stringify({ error: { code: 'FORBIDDEN', key: 'errors.crossOrigin', message: crossOriginMessage } }));
    return;
  }
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`▲ Sẵn sàng (ready) tại http://${hostname ?? 'localhost'}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
