import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import { catalogues } from '@/lib/i18n/messages';
import { formatVnd } from '@/lib/money';
import { extremesSentence, outstandingExtremes } from './extremes';

const row = (name: string, outstanding: bigint) => ({ orgUnit: { name }, outstanding });
const vi = createTranslator({ locale: 'vi', messages: catalogues.vi, namespace: 'dashboard' });
const en = createTranslator({ locale: 'en', messages: catalogues.en, namespace: 'dashboard' });

describe('highest and lowest commune in words (issue 21 §7)', () => {
  const rows = [
    row('Hội LHPN xã Hoành Sơn', 198_000_000n),
    row('Hội LHPN xã Yên Khang', 1_316_000_000n),
    row('Hội LHPN xã Giao Hòa', 500_000_000n),
    row('Hội LHPN xã Yên Thắng', 0n),
  ];

  it('names the highest and the lowest that lends, as seed 001 does', () => {
    expect(extremesSentence(rows, vi, formatVnd)).toBe(
      'Dư nợ cao nhất: xã Yên Khang (1.316.000.000\u00a0₫); thấp nhất: xã Hoành Sơn (198.000.000\u00a0₫).',
    );
    expect(extremesSentence(rows, en, formatVnd)).toBe(
      'Highest outstanding: xã Yên Khang (1.316.000.000\u00a0₫); lowest: xã Hoành Sơn (198.000.000\u00a0₫).',
    );
  });

  it('breaks ties by name in Vietnamese order, whatever the rows\' order', () => {
    const tied = [row('Hội LHPN xã Yên Khang', 5n), row('Hội LHPN xã Ân Thi', 5n), row('Hội LHPN xã Bình Minh', 1n), row('Hội LHPN xã An Hòa', 1n)];
    const found = outstandingExtremes(tied);
    expect(found && 'highest' in found && [found.highest.orgUnit.name, found.lowest.orgUnit.name]).toEqual(['Hội LHPN xã Ân Thi', 'Hội LHPN xã An Hòa']);
    expect(outstandingExtremes([...tied].reverse())).toEqual(found);
  });

  it('says when one unit alone lends, and nothing when none does', () => {
    expect(extremesSentence([row('Hội LHPN xã Yên Khang', 10_000_000n), row('Hội LHPN xã Hoành Sơn', 0n)], vi, formatVnd)).toBe(
      'Xã Yên Khang là đơn vị duy nhất có dư nợ (10.000.000\u00a0₫).',
    );
    expect(extremesSentence([row('Hội LHPN xã Hoành Sơn', 0n)], vi, formatVnd)).toBeNull();
    expect(extremesSentence([], vi, formatVnd)).toBeNull();
  });
});
