import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Crash safety (issue 9): the process doing the work is killed (SIGKILL, no clean-up) in the middle
// of a large import and of a collection-sheet save. On the next start nothing is half-written, and
// the retry posts exactly once. The worker is the server's own code path on an embedded database
// folder (the engine where a process crash matters: PostgreSQL rolls back a dropped connection).

const WORKER = path.join('tests', 'crash', 'worker.ts');

interface Run {
  lines: Record<string, unknown>[];
  code: number | null;
}

/** Runs the worker; `killWhen` decides, line by line, when to SIGKILL it. */
function work(dir: string, args: string[], killWhen?: (line: Record<string, unknown>) => number | null): Promise<Run> {
  return new Promise((resolve) => {
    // node itself with tsx's loader: the pid is the worker, so SIGKILL really stops it mid-work.
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, dir, ...args], { env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const lines: Record<string, unknown>[] = [];
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        const line = buffer.slice(0, i).trim();
        buffer = buffer.slice(i + 1);
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        lines.push(parsed);
        const delay = killWhen?.(parsed);
        if (delay !== null && delay !== undefined) setTimeout(() => child.kill('SIGKILL'), delay);
      }
    });
    child.on('exit', (code) => resolve({ lines, code }));
  });
}

const counts = async (dir: string) => (await work(dir, ['counts'])).lines.at(-1) as { members: number; repayments: number; sheets: number; importAudits: number };

// Always on its own embedded folder, so the PostgreSQL run of the suite skips it (same test twice).
describe.skipIf(Boolean(process.env.DATABASE_URL))('crash safety', () => {
  it('a killed import leaves nothing half-written, and its retry imports every row once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crash-import-'));
    expect((await work(dir, ['setup'])).lines).toEqual([{ ready: true }]);
    const killed = await work(dir, ['import'], (line) => (line.phase === 'writing' ? 150 : null));
    expect(killed.code).toBeNull(); // killed, not finished
    const after = await counts(dir);
    expect([60, 5060]).toContain(after.members); // all or nothing
    expect(after.importAudits).toBe(after.members === 60 ? 0 : 1);
    const retry = await work(dir, ['import']);
    expect(retry.lines.at(-1)).toMatchObject({ ok: true, created: after.members === 60 ? 5000 : 0 });
    expect((await work(dir, ['import'])).lines.at(-1)).toMatchObject({ ok: true, created: 0, unchanged: 5000 });
    expect((await counts(dir)).members).toBe(5060);
  }, 240_000);

  it('a killed collection-sheet save posts all or nothing, and the retry with the same key posts once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'crash-sheet-'));
    await work(dir, ['setup']);
    await work(dir, ['sheet', 'sheet-key-1'], (line) => (line.started ? 60 : null));
    const after = await counts(dir);
    expect([0, 60]).toContain(after.repayments);
    expect(after.sheets).toBe(after.repayments ? 1 : 0);
    const retry = await work(dir, ['sheet', 'sheet-key-1']);
    expect(retry.lines.at(-1)).toMatchObject({ saved: true, replayed: after.sheets === 1 });
    expect((await work(dir, ['sheet', 'sheet-key-1'])).lines.at(-1)).toMatchObject({ saved: true, replayed: true });
    expect(await counts(dir)).toMatchObject({ repayments: 60, sheets: 1 });
  }, 240_000);
});
