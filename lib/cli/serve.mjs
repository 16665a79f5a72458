// The production HTTP server: Next's request handler behind Node's own http server, so that the
// client address used by the sign-in rate limit is the real socket address. A client cannot then
// dodge (or aim) the per-address lock with its own X-Forwarded-For header. Behind a reverse proxy,
// set TRUST_PROXY=1 to keep the proxy's header instead. Started by lib/cli/start.ts.
//
// It also sets the Content-Security-Policy, with a fresh nonce per response: scripts run only if
// they carry the nonce or were loaded by one that does ('strict-dynamic') — no 'unsafe-inline', so
// injected markup cannot run script. Next.js reads the nonce from the request's CSP header and puts
// it on its own inline and chunk scripts (what a proxy.ts would do; this server is that place here).
import { randomBytes } from 'node:crypto';
import http from 'node:http';
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

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  const policy = contentSecurityPolicy(randomBytes(16).toString('base64'));
  req.headers['content-security-policy'] = policy;
  res.setHeader('Content-Security-Policy', policy);
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`▲ Sẵn sàng (ready) tại http://${hostname ?? 'localhost'}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
