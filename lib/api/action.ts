import 'server-only';
import { cookies } from 'next/headers';
import type { Actor } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { isDatabaseBusy } from '@/lib/db/busy';
import { AppError } from '@/lib/errors';
import { LOCALE_COOKIE, toLocale } from '@/lib/i18n/config';
import { translateError, type TranslatedError } from '@/lib/i18n/translate';

export type ActionResult = { ok: true; message?: string; at?: number } | { ok: false; error: TranslatedError; at?: number };

/**
 * Runs a server action body for the signed-in actor. Server actions are public endpoints: the
 * service called inside checks permission and scope; this only maps errors to the user's language.
 */
export async function runAction(body: (actor: Actor) => Promise<string | void>): Promise<ActionResult> {
  const actor = await requireActor();
  try {
    const message = await body(actor);
    return { ok: true, message: message ?? undefined, at: Date.now() };
  } catch (error) {
    const known = isDatabaseBusy(error) ? new AppError('UNAVAILABLE', 'errors.busy') : error;
    if (!(known instanceof AppError)) throw error;
    const locale = toLocale((await cookies()).get(LOCALE_COOKIE)?.value);
    return { ok: false, error: translateError(locale, known), at: Date.now() };
  }
}
