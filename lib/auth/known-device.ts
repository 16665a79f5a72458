import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ensureAuthSecret } from './secret';

// A known device: the browser where a user signed in successfully before. Each successful sign-in
// sets a signed, HttpOnly cookie naming the user and a random id (HMAC with the app's secret);
// an attempt carrying a valid one for the username typed passes the username's growing delay
// (never the address limit). The token API has no cookies, so never a known device.
export const KNOWN_DEVICE_COOKIE = 'hlv-device';
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 365 * 24 * 3600;

async function sign(payload: string): Promise<string> {
  const secret = await ensureAuthSecret();
  return createHmac('sha256', `known-device:${secret}`).update(payload).digest('base64url');
}

/** A new cookie value for this user's device: "userId.randomId.signature". */
export async function knownDeviceToken(userId: string): Promise<string> {
  const payload = `${userId}.${randomBytes(16).toString('base64url')}`;
  return `${payload}.${await sign(payload)}`;
}

/** Whether a cookie value was issued by this installation for this user. */
export async function isKnownDevice(token: string | null | undefined, userId: string): Promise<boolean> {
  if (!token) return false;
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== userId) return false;
  const expected = Buffer.from(await sign(`${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The cookie's value in a Cookie header, if any. */
export function knownDeviceFromCookieHeader(header: string | null | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === KNOWN_DEVICE_COOKIE) return decodeURIComponent(value.join('='));
  }
  return null;
}
