// Taking the month's sheets offline (components/offline/take-sheets-offline.tsx, public/sw.js):
// the page fetches each sheet with this header, and the service worker keeps the answer as it
// keeps a page opened online.
export const TAKE_OFFLINE_HEADER = 'x-hlv-take-offline';

/**
 * The app's own scripts, styles and fonts a page's HTML refers to (`/_next/static/…`, also inside
 * the inline React payload, where quotes may be escaped), each once.
 */
export function staticAssetsOf(html: string): string[] {
  const found = html.match(/\/_next\/static\/[A-Za-z0-9_\-./~%@[\]()+]+?\.(?:js|css|woff2?|ttf|otf|png|svg|ico|webp)/g) ?? [];
  return [...new Set(found)];
}
