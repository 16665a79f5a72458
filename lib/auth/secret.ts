import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';

const KEY = 'nextauth.secret';

/**
 * The secret that signs session cookies: NEXTAUTH_SECRET when set, otherwise one generated at
 * first start and kept in the database, so every instance of one installation shares it and
 * sessions survive restarts.
 */
export async function ensureAuthSecret(): Promise<string> {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const existing = await db.appSetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('base64url');
  await db.appSetting.upsert({ where: { key: KEY }, create: { key: KEY, value }, update: {} });
  return (await db.appSetting.findUniqueOrThrow({ where: { key: KEY } })).value;
}
