import { describe, expect, it } from 'vitest';
import { clusterTotals } from './dashboard';

const row = (cluster: string | null | undefined, disbursed: bigint, outstanding: bigint) => ({ orgUnit: { cluster }, disbursed, outstanding });

describe('communes summed by cluster', () => {
  it('adds each cluster up, the communes without one apart, largest outstanding first; totals equal the rows', () => {
    const rows = [row('Cụm 1', 5n, 100n), row('Cụm 2', 7n, 300n), row(null, 1n, 50n), row('Cụm 1', 2n, 250n)];
    const totals = clusterTotals(rows);
    expect(totals).toEqual([
      { cluster: 'Cụm 1', communes: 2, disbursed: 7n, outstanding: 350n },
      { cluster: 'Cụm 2', communes: 1, disbursed: 7n, outstanding: 300n },
      { cluster: null, communes: 1, disbursed: 1n, outstanding: 50n },
    ]);
    expect(totals.reduce((s, t) => s + t.outstanding, 0n)).toBe(rows.reduce((s, r) => s + r.outstanding, 0n));
  });

  it('is empty while the province has put no commune in a cluster', () => {
    expect(clusterTotals([row(undefined, 1n, 1n), row(null, 2n, 2n)])).toEqual([]);
  });
});
