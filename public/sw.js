// The service worker of the loan-programme app: pages an officer opened stay readable without a
// connection (network first, the last copy when offline), the app's scripts and styles load from
// the cache. Data requests (/api/) always go to the network; sheets filled offline are kept by the
// page itself (IndexedDB) and sent when the connection returns.
const PAGES = 'hlv-pages-v1';
const ASSETS = 'hlv-assets-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== PAGES && key !== ASSETS).map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  // Sign-out: forget the pages (they hold personal data); the unsent sheets stay.
  if (event.data === 'forget-pages') event.waitUntil(caches.delete(PAGES));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname.startsWith('/_next/static/') || url.pathname === '/manifest.webmanifest' || url.pathname.startsWith('/icon')) {
    event.respondWith(
      caches.open(ASSETS).then(async (cache) => {
        const hit = await cache.match(request);
        if (hit) return hit;
        const response = await fetch(request);
        if (response.ok) cache.put(request, response.clone());
        return response;
      }),
    );
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone();
            caches.open(PAGES).then((cache) => cache.put(request, copy));
          }
          return response;
        })
        .catch(async () => (await caches.match(request)) ?? (await caches.match('/sheets')) ?? Response.error()),
    );
  }
});
