'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { TAKE_OFFLINE_HEADER, staticAssetsOf } from '@/lib/offline/take-offline';

type Progress = { state: 'idle' } | { state: 'busy'; done: number } | { state: 'done'; done: number; failed: number } | { state: 'unavailable' };

/** The service worker that handles this tab's requests, once it has taken the tab over (null if none after a few seconds). */
async function controllingWorker(): Promise<ServiceWorker | null> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return null;
  const ready = navigator.serviceWorker.ready.then(() => undefined);
  const waited = new Promise<void>((resolve) => setTimeout(resolve, 5000));
  await Promise.race([ready, waited]);
  if (navigator.serviceWorker.controller) return navigator.serviceWorker.controller;
  await Promise.race([new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })), waited]);
  return navigator.serviceWorker.controller;
}

/**
 * One tap before leaving for the villages: every group's sheet of the month (and this list) is
 * fetched through the service worker, which keeps each page as it keeps a page opened online, and
 * the scripts and styles they need; any of them then opens without a connection.
 */
export function TakeSheetsOffline({ urls, month }: { urls: string[]; month: string }) {
  const t = useTranslations('sheets.offline');
  const [progress, setProgress] = useState<Progress>({ state: 'idle' });

  async function takeOffline() {
    setProgress({ state: 'busy', done: 0 });
    if (!(await controllingWorker())) return setProgress({ state: 'unavailable' });
    const pages = [...new Set([`${location.pathname}${location.search}`, '/sheets', ...urls])];
    const assets = new Set<string>();
    let done = 0;
    let failed = 0;
    for (const url of pages) {
      const isSheet = urls.includes(url);
      try {
        const response = await fetch(url, { headers: { [TAKE_OFFLINE_HEADER]: 'page' }, cache: 'no-store' });
        const html = response.ok && !response.redirected ? await response.text() : null;
        for (const asset of html ? staticAssetsOf(html) : []) assets.add(asset);
        const kept = html !== null && (await caches.match(new URL(url, location.href).href, { ignoreVary: true })) !== undefined;
        if (isSheet) {
          if (kept) done += 1;
          else failed += 1;
        }
      } catch {
        if (isSheet) failed += 1;
      }
      if (isSheet) setProgress({ state: 'busy', done });
    }
    // The scripts and styles of the sheet page (the worker keeps them on the way: cache first).
    await Promise.all([...assets].map((asset) => fetch(asset).catch(() => undefined)));
    setProgress({ state: 'done', done, failed });
  }

  const total = urls.length;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="take-offline-title" data-testid="take-offline">
      <h2 id="take-offline-title" className="sr-only">{t('takeOffline')}</h2>
      <p className="text-sm text-slate-700">{t('takeOfflineHelp', { month: `${month.slice(5)}/${month.slice(0, 4)}` })}</p>
      <Button type="button" variant="secondary" className="mt-2" disabled={progress.state === 'busy' || total === 0} aria-busy={progress.state === 'busy'} onClick={takeOffline}>
        {t('takeOffline')}
      </Button>
      <p role="status" aria-live="polite" className="mt-2 text-sm" data-testid="take-offline-status">
        {progress.state === 'busy' && <span className="text-slate-800">{t('takingOffline', { done: progress.done, total })}</span>}
        {progress.state === 'done' && (
          <>
            <span className={progress.failed ? 'text-slate-800' : 'text-emerald-900'}>{t('tookOffline', { done: progress.done, total })}</span>
            {progress.failed > 0 && <span className="block text-red-800">{t('takeOfflineFailed', { count: progress.failed })}</span>}
          </>
        )}
        {progress.state === 'unavailable' && <span className="text-red-800">{t('takeOfflineUnavailable')}</span>}
      </p>
    </section>
  );
}
