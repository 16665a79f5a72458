import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { useTestDatabase } from '@/tests/setup/test-database';
import { actorFor, createOrgTree } from '@/tests/factories/org';
import { addMembers, makeGroup } from '@/tests/factories/registers';
import { daysAgo, ensureProgrammes, monthsAgo } from '@/tests/factories/loans';
import type { Actor } from '@/lib/auth/actor';
import { issueApiToken } from '@/lib/auth/api-token';
import { db } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { translateError } from '@/lib/i18n/translate';
import { applyForLoan, approveLoan, disburseLoan } from '@/lib/loans';
import { POST as loanAction } from '@/app/api/v1/loans/[id]/[action]/route';
import { GET as getLoanRoute } from '@/app/api/v1/loans/[id]/route';
import { GET as getMe } from '@/app/api/v1/me/route';
import { POST as postToken } from '@/app/api/v1/auth/token/route';
import { POST as uploadErrorReport } from '@/app/api/v1/imports/error-report/route';

// Issue 22 §1, §6, §10 from the outside: /api/v1 handlers called with a Request as a browser or a
// program sends it. The session cookie's decoded content (next-auth's getServerSession) is what a
// signed-in browser brings; everything after it is the real code.
//
// - ASVS V4.2.2 (CSRF): a write signed in by the cookie from another origin (another site, or a
//   sibling port of the same host, which SameSite=Lax lets through) is 403 and writes nothing; a
//   body that is not JSON (text/plain: what a no-cors fetch or an HTML form sends) is 415; from our
//   own origin with JSON it posts; a bearer token needs no Origin; reads are unaffected.
// - ASVS V8.2.1: JSON answers carry Cache-Control: no-store.
// - Idempotency keys bound to their request: the same key with another body is 422 naming the key.

const session = vi.hoisted(() => ({ current: null as { userId: string; issuedAt: number } | null }));
vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => session.current }));

useTestDatabase();

const OWN = 'http://localhost:3000';
let officer: Actor;
let token: string;
let loanId: string;

const signedIn = () => {
  session.current = { userId: officer.userId, issuedAt: Math.floor(Date.now() / 1000) };
};
afterEach(() => {
  session.current = null;
  vi.unstubAllEnvs();
});

const repaymentCount = () => db.loanTransaction.count({ where: { loanId, kind: 'REPAYMENT' } });
const repay = (headers: Record<string, string>, body: unknown = { date: daysAgo(0), amount: 777 }) =>
  loanAction(
    new Request(`${OWN}/api/v1/loans/${loanId}/repayments`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) }),
    { params: Promise.resolve({ id: loanId, action: 'repayments' }) },
  );
type ApiError = { code: string; key: string; message: string; fields: Record<string, string> };
const errorOf = async (response: Response) => ((await response.json()) as { error: ApiError }).error;

beforeAll(async () => {
  const tree = await createOrgTree();
  const programmes = await ensureProgrammes();
  officer = await actorFor('COMMUNE_OFFICER', tree.communes[0]!);
  const leader = await actorFor('DISTRICT_LEADER', tree.districts[0]!);
  const group = await makeGroup(tree.communes[0]!);
  const [member] = await addMembers(tree.communes[0]!, group.id, 1);
  const loan = await applyForLoan(officer, { memberId: member!.id, programmeId: programmes.HN!.id, amount: '5.000.000', termMonths: 12, purpose: 'Chăn nuôi', appliedAt: monthsAgo(3) });
  await approveLoan(leader, loan.id, { decidedAt: monthsAgo(3) });
  await disburseLoan(officer, loan.id, { date: monthsAgo(3) });
  loanId = loan.id;
  token = (await issueApiToken(officer.userId, officer.username, null)).token;
});

describe('a write signed in by the session cookie (ASVS V4.2.2, issue 22 §1)', () => {
  it('from another origin is refused 403 and posts nothing: another site, a sibling port, an opaque origin, whatever the body type', async () => {
    signedIn();
    for (const origin of ['http://evil.example', 'http://localhost:3001', 'null', 'https://localhost:3000']) {
      for (const type of ['application/json', 'text/plain']) {
        const response = await repay({ origin, 'content-type': type });
        expect(response.status, `${origin} ${type}`).toBe(403);
        expect((await errorOf(response)).key).toBe('errors.crossOrigin');
      }
    }
    expect(await repaymentCount()).toBe(0);
  });

  it('without Origin, judged by Sec-Fetch-Site, then the Referer; with none of them refused', async () => {
    signedIn();
    const json = { 'content-type': 'application/json' };
    const refused: Record<string, string>[] = [{ 'sec-fetch-site': 'same-site' }, { 'sec-fetch-site': 'cross-site' }, { referer: 'http://localhost:3001/page' }, {}];
    for (const headers of refused) {
      expect((await repay({ ...json, ...headers })).status, JSON.stringify(headers)).toBe(403);
    }
    expect(await repaymentCount()).toBe(0);
  });

  it('from our own origin needs a JSON body: text/plain, a form or no type at all is 415 and posts nothing', async () => {
    signedIn();
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', null]) {
      const headers: Record<string, string> = { origin: OWN };
      if (type) headers['content-type'] = type;
      const response = await repay(headers);
      expect(response.status, String(type)).toBe(415);
      expect((await errorOf(response)).key).toBe('errors.jsonRequired');
    }
    expect(await repaymentCount()).toBe(0);
  });

  it('from our own origin with JSON posts: by Origin, by Sec-Fetch-Site, by Referer, by the configured public URL', async () => {
    signedIn();
    vi.stubEnv('NEXTAUTH_URL', 'https://vay.hoiphunu.example/');
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const accepted: Record<string, string>[] = [{ origin: OWN }, { 'sec-fetch-site': 'same-origin' }, { referer: `${OWN}/loans/${loanId}` }, { origin: 'https://vay.hoiphunu.example' }];
    for (const [i, headers] of accepted.entries()) {
      const response = await repay({ ...json, ...headers }, { date: daysAgo(0), amount: 1_000 + i });
      expect(response.status, JSON.stringify(headers)).toBe(201);
    }
    expect(await repaymentCount()).toBe(accepted.length);
  });

  it('an upload route takes multipart from our own origin, never from another', async () => {
    signedIn();
    const form = new FormData();
    form.set('other', 'x');
    const upload = (origin: string) =>
      uploadErrorReport(new Request(`${OWN}/api/v1/imports/error-report?kind=members`, { method: 'POST', headers: { origin }, body: form }), { params: Promise.resolve({}) });
    const foreign = await upload('http://localhost:3001');
    expect(foreign.status).toBe(403);
    // Ours reaches the handler, which finds no file in the form.
    expect(await errorOf(await upload(OWN))).toMatchObject({ key: 'imports.file.missing' });
  });

  it('a bearer token needs no Origin and no browser header (a program, not a page); reads are unaffected', async () => {
    const before = await repaymentCount();
    const response = await repay({ authorization: `Bearer ${token}`, 'content-type': 'application/json' }, { date: daysAgo(0), amount: 2_000 });
    expect(response.status).toBe(201);
    expect(await repaymentCount()).toBe(before + 1);
    signedIn();
    const read = await getLoanRoute(new Request(`${OWN}/api/v1/loans/${loanId}`, { headers: { origin: 'http://evil.example' } }), { params: Promise.resolve({ id: loanId }) });
    expect(read.status).toBe(200);
  });
});

describe('JSON answers are never stored (ASVS V8.2.1, issue 22 §10)', () => {
  it('Cache-Control: no-store on data, on errors and on a new token', async () => {
    signedIn();
    const me = await getMe(new Request(`${OWN}/api/v1/me`), { params: Promise.resolve({}) });
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toBe('no-store');
    session.current = null;
    const anonymous = await getMe(new Request(`${OWN}/api/v1/me`), { params: Promise.resolve({}) });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    const refused = await postToken(new Request(`${OWN}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"x","password":"y"}' }));
    expect(refused.headers.get('cache-control')).toBe('no-store');
  });
});

describe('an idempotency key is bound to its request (issue 22 §6)', () => {
  it('the same key with another amount is 422 naming the key, posting nothing; with the same body it replays', async () => {
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': 'phieu-thu-0042' };
    const first = await repay(auth, { date: daysAgo(0), amount: '10.000' });
    expect(first.status).toBe(201);
    const count = await repaymentCount();
    const other = await repay(auth, { date: daysAgo(0), amount: '20.000' });
    expect(other.status).toBe(422);
    const error = await errorOf(other);
    expect(error.key).toBe('errors.idempotencyMismatch');
    expect(error.message).toContain('phieu-thu-0042');
    expect(error.message).toMatch(/^Mã chống gửi trùng/);
    expect(error.fields).toHaveProperty('idempotencyKey');
    const same = await repay(auth, { date: daysAgo(0), amount: '10.000' });
    expect(same.status).toBe(201);
    expect(await same.json()).toMatchObject({ replayed: true, transaction: { amount: 10_000 } });
    expect(await repaymentCount()).toBe(count);
  });
});

describe('a 422 message says each sentence once (issue 22 §10)', () => {
  it('a field whose message repeats the main one is not appended to it; distinct field messages still are', () => {
    const future = { key: 'validation.notAfterToday', params: { field: 'Ngày', today: '06/12/2026' } };
    const single = new AppError('VALIDATION', future.key, future.params, { date: future });
    const { message } = translateError('vi', single);
    expect(message).toBe(translateError('vi', new AppError('VALIDATION', future.key, future.params)).message);
    const two = translateError('en', new AppError('VALIDATION', 'errors.validation', {}, { a: future, b: future, c: { key: 'errors.badJson' } }));
    expect(two.message.split('after today').length).toBe(2);
    expect(two.message).toContain('not valid JSON');
  });
});
