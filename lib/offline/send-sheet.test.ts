import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { groupWithLoans } from '@/tests/factories/collections';
import { setClock } from '@/lib/clock';
import { getCollectionSheet } from '@/lib/collections';
import { db } from '@/lib/db';
import { POST as postSheet } from '@/app/api/v1/groups/[id]/collection-sheet/route';
import { sendSheet } from './send-sheet';
import type { QueuedSheet } from './sheet-queue';

// Issue 22 "Also verify": a collection sheet kept on the phone while offline is sent again, after
// every kind of failure, as the same request — same idempotency key, same body — and the server
// posts it once. The network is a fake fetch in front of the real route handler; the session is
// the officer's (next-auth's cookie check stood in for, as in tests/access/cross-origin.test.ts).

const session = vi.hoisted(() => ({ current: null as { userId: string; issuedAt: number } | null }));
vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => session.current }));

useTestDatabase();

const OWN = 'http://localhost:3000';
const MONTH = '2026-06';
let setup: Awaited<ReturnType<typeof groupWithLoans>>;
let sheet: QueuedSheet;

beforeAll(async () => {
  setClock('2026-06-20');
  setup = await groupWithLoans({ meetingDay: 15, members: 3, borrowers: 2, loanAmount: '6.000.000', disbursedOn: '2026-05-15', savingsFrom: '2026-03-01' });
  const prefilled = await getCollectionSheet(setup.officer, setup.group.id, MONTH);
  const rows = prefilled.rows.map((r) => ({
    memberId: r.member.id,
    attended: true,
    loans: r.loans.map((l) => ({ loanId: l.loanId, amount: l.due.toString() })),
    savings: r.savings.map((s) => ({ accountId: s.accountId, amount: s.expected.toString() })),
  }));
  const key = 'offline-7f3a9c2e-sheet';
  sheet = { key, groupId: setup.group.id, groupLabel: 'Tổ 1', month: MONTH, body: { idempotencyKey: key, rows }, names: {}, queuedAt: '2026-06-15T08:00:00Z', status: 'queued' };
  session.current = { userId: setup.officer.userId, issuedAt: Math.floor(Date.now() / 1000) };
});
afterAll(() => setClock(null));

type Outcome = 'down' | 'proxy503' | 'committedThen502' | 'committedThenLost' | 'delivered';

/** A fetch that, attempt by attempt, fails as `plan` says; what reaches the server is the real route's. */
function network(plan: Outcome[]) {
  const sent: { url: string; body: string }[] = [];
  const answers: unknown[] = [];
  const send = async (url: string | URL | Request, init?: RequestInit) => {
    const outcome = plan[sent.length] ?? 'delivered';
    sent.push({ url: String(url), body: String(init?.body) });
    if (outcome === 'down') throw new TypeError('Failed to fetch');
    if (outcome === 'proxy503') return new Response('<html>503 Service Unavailable</html>', { status: 503, headers: { 'content-type': 'text/html' } });
    // The browser adds its origin and the session cookie to the page's request.
    const request = new Request(new URL(String(url), OWN), { ...init, headers: { ...(init?.headers as Record<string, string>), origin: OWN } });
    const response = await postSheet(request, { params: Promise.resolve({ id: sheet.groupId }) });
    answers.push(await response.clone().json());
    if (outcome === 'committedThen502') return new Response('<html>502 Bad Gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } });
    if (outcome === 'committedThenLost') throw new TypeError('network connection was lost');
    return response;
  };
  return { send: send as typeof fetch, sent, answers };
}

const posted = async () => ({
  repayments: await db.loanTransaction.count({ where: { loanId: { in: setup.loans.map((l) => l.id) }, kind: 'REPAYMENT' } }),
  deposits: await db.savingsTransaction.count({ where: { accountId: { in: setup.accounts.map((a) => a.id) } } }),
  sheets: await db.collectionSheet.count({ where: { groupId: setup.group.id } }),
});

describe('a queued collection sheet', () => {
  it('is retried with the same key and body after each failure until it is through, and the server posts it once', async () => {
    const { send, sent, answers } = network(['down', 'proxy503', 'committedThen502', 'committedThenLost', 'delivered']);
    // As the sync does: each attempt sends what the queue kept from the one before.
    const results: string[] = [];
    let queued: QueuedSheet | null = sheet;
    while (queued && results.length < 10) {
      const { result, keep }: { result: string; keep: QueuedSheet | null } = await sendSheet(queued, send);
      results.push(result);
      if (keep) expect({ key: keep.key, body: keep.body, status: keep.status }).toEqual({ key: sheet.key, body: sheet.body, status: 'queued' });
      queued = keep;
    }
    expect(results).toEqual(['offline', 'error', 'error', 'offline', 'sent']);
    // Five requests, one and the same: same address, same body, the key the sheet was filled with.
    expect(new Set(sent.map((s) => `${s.url} ${s.body}`)).size).toBe(1);
    expect(JSON.parse(sent[0]!.body)).toMatchObject({ idempotencyKey: sheet.key });
    expect(sent[0]!.url).toBe(`/api/v1/groups/${sheet.groupId}/collection-sheet?month=${MONTH}`);
    // The server saw three of them: it posted the first, and answered the others with that one.
    expect(answers).toHaveLength(3);
    expect(answers.map((a) => (a as { replayed: boolean }).replayed)).toEqual([false, true, true]);
    expect(new Set(answers.map((a) => (a as { id: string }).id)).size).toBe(1);
    expect(await posted()).toEqual({ repayments: 2, deposits: 3, sheets: 1 });
  });

  it('sent again once it is through is answered as a replay and posts nothing more', async () => {
    const before = await posted();
    const { send, answers } = network(['delivered']);
    expect(await sendSheet(sheet, send)).toEqual({ result: 'sent', keep: null });
    expect(answers[0]).toMatchObject({ replayed: true });
    expect(await posted()).toEqual(before);
  });
});
