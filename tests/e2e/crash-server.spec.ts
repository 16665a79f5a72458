import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { expect, test } from '@playwright/test';
import { streamToBuffer } from '@/lib/imports/web-stream';
import { writeCsv } from '@/lib/imports/write-csv';
import { MEMBER_SPEC } from '@/lib/imports/kinds/members-columns';
import { makeNationalId } from '@/lib/members/national-id';
import { freePort, waitForServer } from '@/tests/setup/server-process.mjs';
import { DEMO_PASSWORD } from './helpers';

// Crash safety against the real server (issue 9): `npm start` is killed with SIGKILL — the server
// process and its parent together, no clean-up of any kind, as a power cut would — in the middle of
// a 5,000-row import (inside its transaction, timed on its own progress lines) and halfway through a
// collection-sheet save (timed on a save measured just before). After a restart nothing is
// half-written, and the retry (the same file; the same idempotency key) posts exactly once.
// It runs its own server on its own embedded database folder, so CI's PostgreSQL round leaves it
// out (playwright.config.ts, E2E_SKIP_UI_ONLY).

test.setTimeout(420_000);

class Server {
  private child?: ChildProcess;
  private stderr = '';
  constructor(readonly dir: string, readonly port: number) {}
  get base() { return `http://127.0.0.1:${this.port}`; }

  async start() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/start.ts'], {
      env: { ...process.env, DATABASE_URL: '', PGLITE_DIR: this.dir, PORT: String(this.port), HOST: '127.0.0.1', DEMO_PASSWORD: '', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'ignore', 'pipe'], detached: true,
    });
    this.child = child;
    this.stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    await waitForServer(this.base, { attempts: 240, intervalMs: 500, stillStarting: () => child.exitCode === null, why: () => `: ${this.stderr}` });
  }

  /** SIGKILL to the whole process group (start.ts and the Next server): nothing gets to clean up. */
  async kill() {
    const child = this.child!;
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
    await exited;
    // The Next server was in the same group: wait until the port is free again.
    for (let i = 0; i < 100 && (await fetch(`${this.base}/login`).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
  }

  async token(username: string) {
    const response = await fetch(`${this.base}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(response.status).toBe(201);
    return ((await response.json()) as { token: string }).token;
  }
}

async function membersCsv(): Promise<Blob> {
  const rows = Array.from({ length: 5_000 }, (_, i) => ({
    communeCode: 'NB-YK', groupCode: '', code: '', fullName: `Trần Thị Nhập ${i}`, gender: 'Nữ', birthYear: '1985', nationalId: makeNationalId('001', 'FEMALE', 1985, 900_000 + i),
    phone: '', address: '', householdCategory: 'Hộ nghèo', isUnionMember: 'Có', chapterCode: '', joinedAt: '01/02/2026', status: '', leftAt: '',
  }));
  return new Blob([new Uint8Array(await streamToBuffer(writeCsv(MEMBER_SPEC, rows)))], { type: 'text/csv' });
}

/** POSTs the import and reads its progress lines; `onLine` sees each one (the kill is timed on them). */
async function postImport(
  server: Server, token: string, file: Blob, onLine?: (line: Record<string, unknown>) => void,
): Promise<Record<string, unknown> | null> {
  const form = new FormData();
  form.append('file', file, 'members.csv');
  try {
    const response = await fetch(`${server.base}/api/v1/imports?kind=members`, { method: 'POST', headers: { authorization: `Bearer ${token}`, accept: 'application/x-ndjson' }, body: form });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let last: Record<string, unknown> | null = null;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return last;
      buffer += decoder.decode(value, { stream: true });
      for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
        last = JSON.parse(buffer.slice(0, i)) as Record<string, unknown>;
        buffer = buffer.slice(i + 1);
        onLine?.(last);
      }
    }
  } catch {
    return null; // the connection died with the server
  }
}

test('the server killed in the middle of an import and of a sheet save: nothing half-written, each retry posts once', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'crash-server-'));
  const server = new Server(dir, await freePort());
  try {
    await server.start();
    let token = await server.token('xa.yk');
    const file = await membersCsv();

    // 1. The import writes its 5,000 rows in one transaction and reports progress from inside it:
    //    the server is killed at the first report of rows written but not all of them.
    let killing: Promise<void> | undefined;
    const killed = await postImport(server, token, file, (line) => {
      const progress = line.progress as { phase?: string; done?: number; total?: number } | undefined;
      if (progress?.phase === 'writing' && progress.done! > 0 && progress.done! < progress.total! && !killing) killing = server.kill();
    });
    expect(killing, 'the import reported rows written inside its transaction before finishing').toBeDefined();
    await killing;
    expect(killed?.result, 'the import did not finish before the kill').toBeUndefined();

    await server.start();
    token = await server.token('xa.yk');
    const retry = (await postImport(server, token, file))?.result as { ok: boolean; created: number; unchanged: number };
    // Nothing of the killed transaction remains: the retry creates all 5,000.
    expect(retry).toMatchObject({ ok: true, created: 5_000, unchanged: 0 });
    const again = (await postImport(server, token, file))?.result as { created: number; unchanged: number };
    expect(again).toMatchObject({ created: 0, unchanged: 5_000 });

    // 2. The collection sheet of TK-03 (30 members with loans) of its latest meeting, killed mid-save.
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const groupIds = new Map<string, string>();
    for (let page = 1; groupIds.size < 2 && page <= 20; page++) {
      const list = (await (await fetch(`${server.base}/api/v1/loans?status=DISBURSED&page=${page}`, { headers })).json()) as { loans: { id: string; group: { code: string } | null }[] };
      for (const loan of list.loans) {
        const code = loan.group?.code === 'TK-03' ? 'TK-03' : 'other';
        if (groupIds.has(code)) continue;
        groupIds.set(code, ((await (await fetch(`${server.base}/api/v1/loans/${loan.id}`, { headers })).json()) as { loan: { groupId: string } }).loan.groupId);
      }
    }
    // Without a month, the sheet of the group's latest meeting; it is saved for that month.
    const sheetUrlOf = (code: string, month = '') => `${server.base}/api/v1/groups/${groupIds.get(code)}/collection-sheet?month=${month}`;
    type SheetRow = { member: { id: string }; loans: { loanId: string; due: string }[]; savings: { accountId: string; expected: string }[] };
    type Sheet = { month: string; date: string; saved: unknown; rows: SheetRow[] };
    const sheetBody = (sheet: Sheet) => JSON.stringify({
      idempotencyKey: randomUUID(),
      rows: sheet.rows.map((r) => ({
        memberId: r.member.id, attended: true,
        loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due })), savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected })),
      })),
    });
    // How long a save takes here: another group's sheet, saved without interruption.
    const other = (await (await fetch(sheetUrlOf('other'), { headers })).json()) as Sheet;
    const started = performance.now();
    expect((await fetch(sheetUrlOf('other', other.month), { method: 'POST', headers, body: sheetBody(other) })).status).toBe(201);
    const saveMs = performance.now() - started;

    const prefilled = (await (await fetch(sheetUrlOf('TK-03'), { headers })).json()) as Sheet;
    const sheetUrl = sheetUrlOf('TK-03', prefilled.month);
    expect(prefilled.saved).toBeNull();
    const paying = prefilled.rows.flatMap((r) => r.loans.filter((l) => BigInt(l.due) > 0n));
    expect(paying.length).toBeGreaterThan(20);
    const body = sheetBody(prefilled);
    const repaymentsOnSheetDay = async () => {
      let count = 0;
      for (const loan of paying) {
        const detail = (await (await fetch(`${server.base}/api/v1/loans/${loan.loanId}`, { headers })).json()) as { loan: { transactions: { kind: string; date: string; reversedAt: string | null }[] } };
        count += detail.loan.transactions.filter((t) => t.kind === 'REPAYMENT' && t.date.slice(0, 10) === prefilled.date.slice(0, 10) && !t.reversedAt).length;
      }
      return count;
    };
    const before = await repaymentsOnSheetDay();
    // Killed halfway through the time a save takes: most often inside its transaction.
    const save = fetch(sheetUrl, { method: 'POST', headers, body }).then((r) => r.status, () => null);
    await new Promise((r) => setTimeout(r, Math.max(30, saveMs / 2)));
    await server.kill();
    const firstStatus = await save;

    await server.start();
    token = await server.token('xa.yk');
    headers.authorization = `Bearer ${token}`;
    const afterCrash = (await (await fetch(sheetUrl, { headers })).json()) as Sheet;
    const postedByCrash = (await repaymentsOnSheetDay()) - before;
    // All or nothing: the sheet and every repayment of it, or neither.
    expect(postedByCrash === 0 ? afterCrash.saved === null : postedByCrash === paying.length && afterCrash.saved !== null, `after the crash: ${postedByCrash} repayments, sheet ${afterCrash.saved ? 'saved' : 'not saved'} (first answer ${firstStatus})`).toBe(true);
    // The officer retries with the same key (the app does, from its queue): one posting per loan in the end.
    const retried = await fetch(sheetUrl, { method: 'POST', headers, body });
    expect(retried.status).toBe(201);
    const twice = await fetch(sheetUrl, { method: 'POST', headers, body });
    expect(twice.status).toBe(201);
    expect((await repaymentsOnSheetDay()) - before).toBe(paying.length);
    test.info().annotations.push({ type: 'crash', description: `sheet save ${Math.round(saveMs)} ms, killed at ${Math.round(Math.max(30, saveMs / 2))} ms: ${postedByCrash ? 'committed before the kill' : 'nothing posted'} (first answer ${firstStatus})` });
  } finally {
    await server.kill().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
