// The highest and the lowest commune (or province) by outstanding, as seed 001 says it in words:
// "Xã có dư nợ cao nhất là xã Yên Khang là 1.316 triệu đồng …; xã có dư nợ thấp nhất là Hợp Hưng
// 198 triệu đồng". Units without outstanding are not "the lowest": they do not lend.

export interface ExtremeRow {
  orgUnit: { name: string };
  outstanding: bigint;
}

const collator = new Intl.Collator('vi');

/** "Hội LHPN xã Yên Khang" → "xã Yên Khang": the union's prefix adds nothing to a sentence about the unit. */
export const placeName = (unitName: string) => unitName.replace(/^Hội LHPN /, '');

/**
 * The highest and lowest of the rows with outstanding; among equal amounts the first by name
 * (Vietnamese order). `only` when a single unit lends; null when none does.
 */
export function outstandingExtremes<R extends ExtremeRow>(rows: readonly R[]): { highest: R; lowest: R } | { only: R } | null {
  const lending = rows.filter((r) => r.outstanding > 0n);
  if (lending.length === 0) return null;
  const byName = [...lending].sort((a, b) => collator.compare(a.orgUnit.name, b.orgUnit.name));
  const highest = byName.reduce((best, r) => (r.outstanding > best.outstanding ? r : best));
  const lowest = byName.reduce((best, r) => (r.outstanding < best.outstanding ? r : best));
  return lending.length === 1 ? { only: highest } : { highest, lowest };
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The sentence in the reader's language: `t` is the dashboard's translator, `money` formats an amount. */
export function extremesSentence(
  rows: readonly ExtremeRow[],
  t: (key: 'extremes' | 'onlyOne', params: Record<string, string>) => string,
  money: (amount: bigint) => string,
): string | null {
  const found = outstandingExtremes(rows);
  if (!found) return null;
  if ('only' in found) return capitalised(t('onlyOne', { name: placeName(found.only.orgUnit.name), amount: money(found.only.outstanding) }));
  return t('extremes', {
    highest: placeName(found.highest.orgUnit.name), highestAmount: money(found.highest.outstanding),
    lowest: placeName(found.lowest.orgUnit.name), lowestAmount: money(found.lowest.outstanding),
  });
}
