import { describe, expect, it } from 'vitest';
import { catalogues } from './messages';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

describe('message catalogues', () => {
  it('Vietnamese and English have the same keys', () => {
    expect(keys(catalogues.en).sort()).toEqual(keys(catalogues.vi).sort());
  });

  it('no message is empty', () => {
    for (const catalogue of Object.values(catalogues)) {
      for (const key of keys(catalogue)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(String(value).trim(), key).not.toBe('');
      }
    }
  });
});
