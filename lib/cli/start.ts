import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { StartupError } from '@/lib/db/startup-error';
import { ensureBuild } from './build';
import { prepareDatabase } from './prepare-database';
import { runCli } from './run';

// npm start — migrate, seed a fresh installation, build if needed, then serve the production
// build (lib/cli/serve.mjs). This process keeps the database folder lock while the server runs.

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new StartupError(`Cổng ${port} đang được dùng (port ${port} is already in use); dừng chương trình đang dùng cổng hoặc đặt PORT khác.`)
          : new StartupError(`Không mở được cổng ${port} (cannot listen on port ${port}: ${error.message}).`),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

function readPort(): number {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StartupError(`PORT=${process.env.PORT} không phải số cổng hợp lệ (PORT must be a port number 1-65535).`);
  }
  return port;
}

function serverHeapMb(): number {
  const mb = Number(process.env.SERVER_HEAP_MB ?? 1024);
  if (!Number.isInteger(mb) || mb < 128) throw new StartupError(`SERVER_HEAP_MB=${process.env.SERVER_HEAP_MB} phải là số MB từ 128 trở lên (SERVER_HEAP_MB must be a whole number of MB, at least 128).`);
  return mb;
}

runCli(async () => {
  const port = readPort();
  await assertPortFree(port);
  const { database } = await prepareDatabase({ seed: true });
  const secret = await ensureAuthSecret();
  // Close the embedded database: the server process opens the folder next. The lock stays here.
  await database.close();
  ensureBuild();

  // An explicit heap limit: with none, Node sizes it from the machine's memory (about 4 GB here)
  // and lets garbage pile up before collecting it — a 100,000-row export then peaks at ~440 MB RSS
  // instead of ~210 MB. SERVER_HEAP_MB changes it; a --max-old-space-size in NODE_OPTIONS wins.
  const heap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : [`--max-old-space-size=${serverHeapMb()}`];
  const args = [...heap, path.join(process.cwd(), 'lib', 'cli', 'serve.mjs')];
  const env: NodeJS.ProcessEnv = { ...process.env, NEXTAUTH_SECRET: secret, NODE_ENV: 'production', PORT: String(port) };
  // Without NEXTAUTH_URL, next-auth takes the origin from the request (phones on the LAN, other ports).
  if (!env.NEXTAUTH_URL) env.AUTH_TRUST_HOST ??= 'true';
  const server = spawn(process.execPath, args, { stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  return new Promise<number>((resolve) => server.on('exit', (code) => {
    database.release();
    resolve(code ?? 0);
  }));
});
