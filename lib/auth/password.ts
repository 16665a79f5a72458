import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Passwords are hashed with Node's scrypt (memory-hard), stored as
// "scrypt$N$r$p$<salt base64>$<hash base64>": a hash is checked with the parameters it carries, so
// they can be raised without locking anyone out (a sign-in replaces an older hash: authenticate.ts).
//
// N=2^14, r=8, p=5 is one of the settings OWASP's Password Storage Cheat Sheet lists as equal in
// strength to its scrypt minimum (N=2^17, r=8, p=1). Chosen over 2^17 because it needs 16 MiB per
// hash instead of 128 MiB (a burst of sign-ins on a small server) and is the quickest of the equal
// settings (docs/security.md, "Password storage": about 110 ms here against 260 ms).
const PASSWORD_PARAMS = { N: 2 ** 14, r: 8, p: 5 } as const;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
// scrypt needs 128·N·r bytes (16 MiB now); a stored value asking for more than this is refused.
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, options: ScryptOptions, keyLength = KEY_LENGTH): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, keyLength, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p } = PASSWORD_PARAMS;
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, PASSWORD_PARAMS);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash { N: number; r: number; p: number; salt: Buffer; hash: Buffer }

function parseStored(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || rest.length) return null;
  const [N, R, P] = [n, r, p].map((v) => (/^\d{1,10}$/.test(v ?? '') ? Number(v) : NaN));
  // N within the memory bound is checked by scrypt; r and p only cost time, so bound them here.
  if (!N || !R || !P || R > 64 || P > 64) return null;
  return { N, r: R, p: P, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

/** True for the right password; false for a wrong one and for a stored value that is not a usable scrypt hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStored(stored);
  if (!parsed || parsed.hash.length < 16 || parsed.hash.length > 128 || parsed.salt.length < 8) return false;
  let actual: Buffer;
  try {
    actual = await derive(password, parsed.salt, { N: parsed.N, r: parsed.r, p: parsed.p }, parsed.hash.length);
  } catch {
    return false; // parameters scrypt refuses (N not a power of two, over the memory bound)
  }
  return timingSafeEqual(actual, parsed.hash);
}

/** True when the stored hash was made with other parameters than today's (replaced at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const parsed = parseStored(stored);
  const { N, r, p } = PASSWORD_PARAMS;
  return !parsed || parsed.N !== N || parsed.r !== r || parsed.p !== p || parsed.salt.length !== SALT_LENGTH || parsed.hash.length !== KEY_LENGTH;
}

// A fixed hash to verify against when the username does not exist, so that the time taken does
// not reveal which usernames exist.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString('hex'));
  return dummyHash;
}
