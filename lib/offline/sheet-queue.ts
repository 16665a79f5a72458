// Collection sheets saved while offline, kept in the browser (IndexedDB survives a restart) until
// they reach the server. Each keeps the idempotency key it was filled with, so however often the
// sync retries, the server posts it once (lib/offline/send-sheet.ts). Browser-only: call from client components.
import { sendSheet, type SendResult } from './send-sheet';

export interface QueuedSheet {
  /** The sheet's idempotency key (also the queue key). */
  key: string;
  groupId: string;
  groupLabel: string;
  month: string;
  body: {
    idempotencyKey: string;
    rows: { memberId: string; attended: boolean; loans: { loanId: string; amount: string }[]; savings: { accountId: string; amount: string }[] }[];
  };
  /** Member names by id, to show the sheet while offline. */
  names: Record<string, string>;
  queuedAt: string;
  /** 'conflict': another sheet was saved for this group and month meanwhile. */
  status: 'queued' | 'conflict';
  error?: string;
}

const DB = 'hlv-offline';
const STORE = 'sheets';
export const QUEUE_CHANGED = 'hlv-sheet-queue-changed';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'key' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

const changed = () => window.dispatchEvent(new Event(QUEUE_CHANGED));

export const queuedSheets = () => run<QueuedSheet[]>('readonly', (store) => store.getAll() as IDBRequest<QueuedSheet[]>);

export async function putQueuedSheet(sheet: QueuedSheet) {
  await run('readwrite', (store) => store.put(sheet));
  changed();
}

export async function removeQueuedSheet(key: string) {
  await run('readwrite', (store) => store.delete(key));
  changed();
}

/** Sends one queued sheet; keeps it (same key, same body) until the server has it, marks it on a conflict. */
export async function sendQueuedSheet(sheet: QueuedSheet): Promise<SendResult> {
  const { result, keep } = await sendSheet(sheet, fetch);
  if (!keep) await removeQueuedSheet(sheet.key);
  else if (keep !== sheet) await putQueuedSheet(keep);
  return result;
}

/** Sends every queued sheet (not those waiting for the officer's choice). */
export async function syncQueuedSheets(): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const sheet of await queuedSheets()) if (sheet.status === 'queued') results.push(await sendQueuedSheet(sheet));
  return results;
}
