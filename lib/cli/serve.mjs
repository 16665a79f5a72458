// The production HTTP server: Next's request handler behind Node's own http server, so that the
// client address used by the sign-in rate limit is the real socket address. A client cannot then
// dodge (or aim) the per-address lock with its own X-Forwarded-For header. Behind a reverse proxy,
// set TRUST_PROXY=1 to keep the proxy's header instead. Started by lib/cli/start.ts.
import http from 'node:http';
import next from 'next';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;
const trustProxy = process.env.TRUST_PROXY === '1';

const app = next({ dev: false, dir: process.cwd(), port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  handle(req, res);
});
server.listen(port, hostname, () => console.log(`▲ Sẵn sàng (ready) tại http://${hostname ?? 'localhost'}:${port}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
