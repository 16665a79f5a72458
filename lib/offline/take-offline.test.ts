import { describe, expect, it } from 'vitest';
import { staticAssetsOf } from './take-offline';

describe('staticAssetsOf', () => {
  it('finds the scripts, styles and fonts of a page once each, also inside the inline payload', () => {
    const html = [
      '<link rel="stylesheet" href="/_next/static/css/a1b2.css" data-precedence="next"/>',
      '<link rel="preload" href="/_next/static/media/font-x.p.woff2" as="font"/>',
      '<script src="/_next/static/chunks/webpack-9f.js" async=""></script>',
      '<script src="/_next/static/chunks/app/(app)/groups/%5Bid%5D/sheet/page-77.js" async=""></script>',
      '<script>self.__next_f.push([1,"2:I[123,[\\"/_next/static/chunks/4411-ab.js\\",\\"/_next/static/chunks/webpack-9f.js\\"],\\"default\\"]"])</script>',
      '<a href="/groups/1/sheet?month=2025-07">TK-01</a>',
    ].join('');
    expect(staticAssetsOf(html)).toEqual([
      '/_next/static/css/a1b2.css',
      '/_next/static/media/font-x.p.woff2',
      '/_next/static/chunks/webpack-9f.js',
      '/_next/static/chunks/app/(app)/groups/%5Bid%5D/sheet/page-77.js',
      '/_next/static/chunks/4411-ab.js',
    ]);
  });

  it('finds nothing in a page without assets', () => {
    expect(staticAssetsOf('<p>Không có mạng</p>')).toEqual([]);
  });
});
