'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { QUEUE_CHANGED, queuedSheets, syncQueuedSheets } from '@/lib/offline/sheet-queue';

/**
 * On every page: installs the service worker (pages and assets stay available offline), sends the
 * sheets kept on this device as soon as the connection is back, and says how many still wait.
 */
export function OfflineSync() {
  const t = useTranslations('sheets.offline');
  const router = useRouter();
  const [pending, setPending] = useState(0);
  const [sent, setSent] = useState(0);

  useEffect(() => {
    if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    const count = () => queuedSheets().then((sheets) => setPending(sheets.length), () => undefined);
    const sync = async () => {
      if (!navigator.onLine) return;
      const results = await syncQueuedSheets().catch(() => []);
      const delivered = results.filter((r) => r === 'sent').length;
      if (delivered) {
        setSent((n) => n + delivered);
        router.refresh();
      }
      await count();
    };
    void count().then(sync);
    window.addEventListener('online', sync);
    window.addEventListener(QUEUE_CHANGED, count);
    return () => {
      window.removeEventListener('online', sync);
      window.removeEventListener(QUEUE_CHANGED, count);
    };
  }, [router]);

  return (
    <div aria-live="polite" className="text-sm">
      {pending > 0 && (
        <a href="/sheets#offline-queue" className="whitespace-nowrap rounded bg-amber-100 px-2 py-1 font-medium text-amber-900" data-testid="offline-pending">
          {t('pending', { count: pending })} · {t('pendingLink')}
        </a>
      )}
      {pending === 0 && sent > 0 && <span className="text-emerald-900" data-testid="offline-sent">{t('syncedCount', { count: sent })}</span>}
    </div>
  );
}
