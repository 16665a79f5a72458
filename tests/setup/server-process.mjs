// Helpers for tests and harnesses that start their own server (npm start): a free loopback port,
// and waiting until the sign-in page answers. Plain JavaScript so that tests/bench/lighthouse.mjs
// (run by node itself) can use it as well as the TypeScript ones; types in server-process.d.mts.
import net from 'node:net';

/** A TCP port nobody listens on right now, on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Resolves once `${base}/login` answers 200; polls every `intervalMs`. `stillStarting` (optional)
 * says whether the server process is still alive: a server that exits fails the wait at once.
 */
export async function waitForServer(base, { attempts = 600, intervalMs = 1000, stillStarting = () => true, why = () => '' } = {}) {
  for (let i = 0; i < attempts; i++) {
    if (!stillStarting()) throw new Error(`the server stopped while starting ${why()}`.trim());
    if (await fetch(`${base}/login`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`the server did not start ${why()}`.trim());
}
