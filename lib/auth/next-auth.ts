import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { AppError } from '@/lib/errors';
import { authenticate } from './authenticate';
import { KNOWN_DEVICE_COOKIE, KNOWN_DEVICE_MAX_AGE_SECONDS, knownDeviceFromCookieHeader, knownDeviceToken } from './known-device';

/**
 * A session ends after 2 hours without activity (every page view renews it: SessionKeeper) and, in
 * use or not, 12 hours after signing in — a working day (ASVS 4.0 V3.3.2, level 2). An officer
 * filling a sheet offline loses nothing: the queued sheet waits for her next sign-in.
 */
export const SESSION_IDLE_SECONDS = 2 * 60 * 60;
export const SESSION_MAX_SECONDS = 12 * 60 * 60;

/** Whether a session signed in at `authAt` (seconds) is past the absolute limit (machine time: a technical timestamp). */
export const signedInTooLongAgo = (authAt: number | undefined) => authAt !== undefined && Date.now() / 1000 - authAt > SESSION_MAX_SECONDS;

/** The client's address: lib/cli/serve.mjs sets X-Forwarded-For to the socket address (or, with
 * TRUST_PROXY=1, the proxy's header is kept and its last hop is the proxy's view of the client). */
export function clientAddress(headers: Record<string, string | string[] | undefined> | Headers | undefined): string {
  const get = (name: string) =>
    headers instanceof Headers ? headers.get(name) ?? undefined : ([] as (string | undefined)[]).concat(headers?.[name])[0];
  const forwarded = get('x-forwarded-for');
  const hops = forwarded?.split(',').map((hop) => hop.trim()).filter(Boolean) ?? [];
  return hops.at(-1) ?? get('x-real-ip') ?? 'unknown';
}

function headerOf(headers: Record<string, string | string[] | undefined> | Headers | undefined, name: string): string | undefined {
  return headers instanceof Headers ? headers.get(name) ?? undefined : ([] as (string | undefined)[]).concat(headers?.[name])[0];
}

/** Marks this browser as a known device of the user (lib/auth/known-device.ts): a signed, HttpOnly cookie. */
async function rememberDevice(userId: string): Promise<void> {
  const { cookies } = await import('next/headers');
  const secure = (process.env.NEXTAUTH_URL ?? '').startsWith('https://');
  try {
    (await cookies()).set(KNOWN_DEVICE_COOKIE, await knownDeviceToken(userId), {
      httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
    });
  } catch {
    // Outside a request (no cookies to set): the sign-in still stands, the device stays unknown.
  }
}

export const authOptions: NextAuthOptions = {
  secret: process.env.NEXTAUTH_SECRET,
  session: { strategy: 'jwt', maxAge: SESSION_IDLE_SECONDS },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'credentials',
      credentials: { username: { type: 'text' }, password: { type: 'password' } },
      async authorize(credentials, req) {
        try {
          const user = await authenticate({
            username: String(credentials?.username ?? ''),
            password: String(credentials?.password ?? ''),
            address: clientAddress(req?.headers),
            device: knownDeviceFromCookieHeader(headerOf(req?.headers, 'cookie')),
          });
          await rememberDevice(user.id);
          return { id: user.id, name: user.fullName };
        } catch (error) {
          // The sign-in page turns these codes into catalogue messages.
          if (error instanceof AppError && error.messageKey === 'auth.delayed') throw new Error(`delayed:${error.params.count}:${error.params.unit}`);
          if (error instanceof AppError && error.code === 'RATE_LIMITED') throw new Error(`locked:${error.params.minutes}`);
          if (error instanceof AppError && error.messageKey === 'auth.deactivated') throw new Error('deactivated');
          if (error instanceof AppError) throw new Error('invalid');
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    // `iat` is renewed whenever the session is refreshed; `authAt` is the sign-in time and never
    // changes, so a password reset after it ends the session for good.
    // Past the absolute limit the token is emptied: no user, so pages send to sign-in.
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.authAt = Math.floor(Date.now() / 1000);
      }
      return signedInTooLongAgo(token.authAt as number | undefined) ? {} : token;
    },
    session({ session, token }) {
      if (!token.sub) return { expires: session.expires } as typeof session;
      return { ...session, userId: token.sub, issuedAt: token.authAt };
    },
  },
};
