// Collection sheets saved while offline, kept in the browser (IndexedDB survives a restart) until
// they reach the server. Each keeps the idempotency key it was filled with, so however often the
// sync retries, the server posts it once. Browser-only: call from client components.

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

/** The outcome of sending one sheet: sent (or already there), a conflict, or still offline. */
export type SendResult = 'sent' | 'conflict' | 'offline' | 'error';

/** Sends one queued sheet; keeps it when the network fails, marks it on a conflict. */
export async function sendQueuedSheet(sheet: QueuedSheet): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/groups/${sheet.groupId}/collection-sheet?month=${sheet.month}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sheet.body),
    });
  } catch {
    return 'offline';
  }
  if (response.ok) {
    await removeQueuedSheet(sheet.key);
    return 'sent';
  }
  const problem = (await response.json().catch(() => null)) as { error?: { code?: string; key?: string; message?: string } } | null;
  if (response.status === 409 && problem?.error?.key === 'sheets.alreadySaved') {
    await putQueuedSheet({ ...sheet, status: 'conflict' });
    return 'conflict';
  }
  await putQueuedSheet({ ...sheet, error: problem?.error?.message ?? String(response.status) });
  return 'error';
}

/** Sends every queued sheet (not those waiting for the officer's choice). */
export async function syncQueuedSheets(): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const sheet of await queuedSheets()) if (sheet.status === 'queued') results.push(await sendQueuedSheet(sheet));
  return results;
}
