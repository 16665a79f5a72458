import type { QueuedSheet } from './sheet-queue';

/** The outcome of sending one sheet: sent (or already there), a conflict, or still offline. */
export type SendResult = 'sent' | 'conflict' | 'offline' | 'error';

/**
 * Sends one queued sheet with `send` (the browser's fetch) and says what becomes of it: `keep` is
 * the sheet to leave in the queue — with the same idempotency key and body, so the next attempt is
 * the same request and the server posts it once however many answers were lost — or null once the
 * server has it.
 */
export async function sendSheet(sheet: QueuedSheet, send: typeof fetch): Promise<{ result: SendResult; keep: QueuedSheet | null }> {
  let response: Response;
  try {
    response = await send(`/api/v1/groups/${sheet.groupId}/collection-sheet?month=${sheet.month}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sheet.body),
    });
  } catch {
    return { result: 'offline', keep: sheet };
  }
  if (response.ok) return { result: 'sent', keep: null };
  const problem = (await response.json().catch(() => null)) as { error?: { code?: string; key?: string; message?: string } } | null;
  if (response.status === 409 && problem?.error?.key === 'sheets.alreadySaved') return { result: 'conflict', keep: { ...sheet, status: 'conflict' } };
  return { result: 'error', keep: { ...sheet, error: problem?.error?.message ?? String(response.status) } };
}
