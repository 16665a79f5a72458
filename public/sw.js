// The service worker of the loan-programme app: pages an officer opened stay readable without a
// connection (network first, the last copy when offline), the app's scripts and styles load from
// the cache. Data requests (/api/) always go to the network; sheets filled offline are kept by the
// page itself (IndexedDB) and sent when the connection returns.
// "Take the commune's sheets offline" (/sheets) fetches each group's sheet with the header
// x-hlv-take-offline (lib/offline/take-offline.ts): such a page is kept as a page opened online is.
// A page never kept opens as the app's offline page (/offline.html), not the browser's error.
const PAGES = 'hlv-pages-v1';
const ASSETS = 'hlv-assets-v1';
const OFFLINE_PAGE = '/offline.html';
const TAKE_OFFLINE = 'x-hlv-take-offline';

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(ASSETS)
      .then((cache) => cache.add(OFFLINE_PAGE))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});
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
  const navigation = request.mode === 'navigate';
  if (navigation || request.headers.get(TAKE_OFFLINE) === 'page') {
    // Kept by address alone, so a sheet fetched by the button opens on a later navigation to it.
    event.respondWith(
      fetch(request)
        .then(async (response) => {
          if (response.ok && !response.redirected) {
            const copy = response.clone(); // now, before the browser starts reading the answer
            const kept = caches.open(PAGES).then((cache) => cache.put(url.href, copy));
            // The button counts a sheet as taken offline once it is in the cache.
            if (navigation) event.waitUntil(kept);
            else await kept;
          }
          return response;
        })
        .catch(async () => {
          if (!navigation) return Response.error();
          return (await caches.match(url.href, { ignoreVary: true })) ?? (await caches.match(OFFLINE_PAGE)) ?? Response.error();
        }),
    );
  }
});
