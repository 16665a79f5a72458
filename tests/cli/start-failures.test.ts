import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// `npm start` must fail with one clear sentence and a non-zero exit, not a stack trace.
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), 'lib/cli/start.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = result.stderr.split('\n').filter((line) => line.trim() && !line.includes('npm warn'));
  return { status: result.status, lines };
}

async function occupiedPort(): Promise<{ port: number; close: () => void }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, resolve));
  return { port: (server.address() as net.AddressInfo).port, close: () => server.close() };
}

async function freePort(): Promise<string> {
  const { port, close } = await occupiedPort();
  close();
  return String(port);
}

describe('npm start refuses clearly', () => {
  it('when the port is taken', async () => {
    const { port, close } = await occupiedPort();
    try {
      const { status, lines } = start({ PORT: String(port) });
      expect(status).toBe(1);
      expect(lines).toEqual([expect.stringContaining(`Cổng ${port} đang được dùng`)]);
    } finally {
      close();
    }
  });

  it('when the database folder is in use by another process', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'locked-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'app.lock'), String(process.pid));
    const { status, lines } = start({ PORT: await freePort(), PGLITE_DIR: dir });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringContaining(`đang được tiến trình ${process.pid} sử dụng`)]);
  });

  it('when PostgreSQL cannot be reached', async () => {
    const { status, lines } = start({ PORT: await freePort(), DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(status).toBe(1);
    expect(lines).toEqual([expect.stringContaining('Không kết nối được PostgreSQL tại 127.0.0.1:1/none')]);
  });
});
