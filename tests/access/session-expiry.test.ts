import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { useTestDatabase } from '@/tests/setup/test-database';
import { createOrgTree, createUser } from '@/tests/factories/org';
import { SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS } from '@/lib/auth/next-auth';
import { GET as authGet, POST as authPost } from '@/app/api/auth/[...nextauth]/route';
import { GET as getMe } from '@/app/api/v1/me/route';

// Issue 22 "Also verify", ASVS V3.3.2 (a session ends after a period of inactivity): a session is
// signed in through next-auth's own handler, then used at later moments on a fake clock. Only the
// browser is stood in for: the cookie jar (what next/headers reads) holds what the answers set.
// The idle limit is 2 hours, the absolute one 12 hours after sign-in (level 2); the JWT check allows
// 15 s of clock difference (next-auth's decode), so "refused" is tested 16 s after the idle limit.

const jar = vi.hoisted(() => new Map<string, string>());
const browser = vi.hoisted(() => ({
  headers: async () => new Headers({ host: 'localhost:3000', cookie: [...jar].map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join('; ') }),
  cookies: async () => ({
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
  }),
}));
// The app imports next/headers (mocked here); next-auth requires it (its CommonJS exports are
// replaced for this file, and put back after it).
vi.mock('next/headers', () => browser);
const requiredHeaders = createRequire(import.meta.url)('next/headers') as typeof browser;
const realHeaders = { ...requiredHeaders };

useTestDatabase();

const OWN = 'http://localhost:3000';
const SESSION = 'next-auth.session-token';
const HOUR = 3600_000;
let T: number;

/** Keeps what an answer sets, as a browser does; returns the session cookie's Set-Cookie line, if any. */
function keep(response: Response): string | undefined {
  let line: string | undefined;
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const [name, value] = [pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1)];
    if (name === SESSION) line = cookie;
    if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) jar.delete(name);
    else jar.set(name, decodeURIComponent(value));
  }
  return line;
}
const expiresOf = (line: string | undefined) => new Date(/Expires=([^;]+)/i.exec(line ?? '')?.[1] ?? NaN).getTime();
const at = (ms: number) => vi.setSystemTime(new Date(T + ms));
const nextAuth = (method: 'GET' | 'POST', path: string, body?: URLSearchParams) => {
  const request = new NextRequest(`${OWN}/api/auth/${path}`, {
    method, body, headers: body ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
  });
  const context = { params: Promise.resolve({ nextauth: path.split('/') }) };
  return (method === 'GET' ? authGet : authPost)(request, context as never) as Promise<Response>;
};
/** An API read with the jar's session cookie: 200 while the session stands, 401 after. */
const me = async () => (await getMe(new Request(`${OWN}/api/v1/me`), { params: Promise.resolve({}) })).status;
/** What SessionKeeper does on each page: GET /api/auth/session, which renews the cookie. */
const pageView = async () => {
  const response = await nextAuth('GET', 'session');
  return { body: (await response.json()) as { user?: unknown; expires?: string }, cookie: keep(response) };
};

beforeAll(async () => {
  const tree = await createOrgTree();
  await createUser('COMMUNE_OFFICER', tree.communes[0]!, { username: 'can.bo.phien', password: 'Mat-Khau-Phien-1' });
  // A minute ahead of the real clock, so that the user row (stamped by the database) is older.
  T = Math.ceil((Date.now() + 60_000) / 1000) * 1000;
  vi.stubEnv('NEXTAUTH_SECRET', 'session-expiry-test-secret-0123456789abcdef');
  vi.stubEnv('NEXTAUTH_URL', OWN);
  Object.assign(requiredHeaders, browser);
  vi.useFakeTimers({ toFake: ['Date'] });
  // next-auth logs each expired session it is shown; those are expected here, anything else is shown.
  const error = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void (String(args[0]).includes('JWT_SESSION_ERROR') || error(...args)));
});
afterAll(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  Object.assign(requiredHeaders, realHeaders);
});

async function signIn(): Promise<string | undefined> {
  jar.clear();
  at(0);
  const csrf = await nextAuth('GET', 'csrf');
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, username: 'can.bo.phien', password: 'Mat-Khau-Phien-1', json: 'true' });
  const cookie = keep(await nextAuth('POST', 'callback/credentials', form));
  expect(jar.has(SESSION)).toBe(true);
  return cookie;
}

describe('a session (ASVS V3.3.2)', () => {
  it('ends after 2 hours without activity: accepted at 1 h 59 min, refused after 2 h; its cookie expires at 2 h', async () => {
    expect(SESSION_IDLE_SECONDS).toBe(2 * 3600);
    const cookie = await signIn();
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(expiresOf(cookie)).toBe(T + 2 * HOUR);
    at(1000);
    expect(await me()).toBe(200);
    at(HOUR + 59 * 60_000);
    expect(await me()).toBe(200);
    at(2 * HOUR + 16_000);
    expect(await me()).toBe(401);
    // The page's check finds no session any more (SessionKeeper sends the user to sign in) and the cookie is cleared.
    const view = await pageView();
    expect(view.body.user).toBeUndefined();
    expect(jar.has(SESSION)).toBe(false);
  });

  it('is renewed by activity: a page opened at 1 h carries it to 3 h, the cookie too', async () => {
    await signIn();
    at(HOUR);
    const view = await pageView();
    expect(view.body.user).toBeTruthy();
    expect(expiresOf(view.cookie)).toBe(T + 3 * HOUR);
    expect(new Date(view.body.expires!).getTime()).toBe(T + 3 * HOUR);
    at(2 * HOUR + 16_000);
    expect(await me()).toBe(200);
    at(2 * HOUR + 59 * 60_000);
    expect(await me()).toBe(200);
    at(3 * HOUR + 16_000);
    expect(await me()).toBe(401);
  });

  it('an API call alone does not renew it (only the pages\' check does)', async () => {
    await signIn();
    at(HOUR);
    const before = jar.get(SESSION);
    expect(await me()).toBe(200);
    expect(jar.get(SESSION)).toBe(before);
    at(2 * HOUR + 16_000);
    expect(await me()).toBe(401);
  });

  it('ends 12 hours after signing in even in constant use: the next page sends to sign-in', async () => {
    expect(SESSION_MAX_SECONDS).toBe(12 * 3600);
    await signIn();
    for (let hour = 1; hour <= 11; hour++) {
      at(hour * HOUR);
      expect((await pageView()).body.user).toBeTruthy();
      expect(await me()).toBe(200);
    }
    at(11 * HOUR + 59 * 60_000);
    expect(await me()).toBe(200);
    at(12 * HOUR + 1000);
    expect(await me()).toBe(401);
    expect((await pageView()).body.user).toBeUndefined();
    expect(await me()).toBe(401);
  });
});
