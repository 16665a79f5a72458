import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { FilterField, FilterForm, filterInputClass } from '@/components/ui/filter-form';
import { formatVnd } from '@/lib/money';
import type { ClusterTotal } from '@/lib/reports/dashboard';
import type { SummaryReport } from '@/lib/reports';

type Row = SummaryReport['byChild'][number];

/**
 * A province's communes ranked by outstanding (a leader follows 60–150 of them): filtered by the
 * cluster a province assigned them to and by name, with the clusters' totals.
 */
export async function CommuneRanking({ rows, clusters, cluster, q }: { rows: Row[]; clusters: ClusterTotal[]; cluster?: string; q?: string }) {
  const t = await getTranslations();
  const names = clusters.map((c) => c.cluster).filter((c): c is string => !!c);
  return (
    <Card title={t('dashboard.rankingTitle', { count: rows.length })}>
      <FilterForm>
        {names.length > 0 && (
          <FilterField id="cluster" label={t('org.cluster')}>
            <select id="cluster" name="cluster" defaultValue={cluster ?? ''} className={filterInputClass}>
              <option value="">{t('reports.all')}</option>
              {names.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </FilterField>
        )}
        <FilterField id="commune-q" label={t('dashboard.communeSearch')}>
          <input id="commune-q" name="q" defaultValue={q ?? ''} className={filterInputClass} />
        </FilterField>
      </FilterForm>
      <DataTable<Row & { rank: number }>
        testId="commune-ranking"
        rows={rows.map((r, i) => ({ ...r, rank: i + 1 }))}
        rowKey={(r) => r.orgUnit.id}
        columns={[
          { header: '#', numeric: true, cell: (r) => String(r.rank) },
          { header: t('reports.unit'), cell: (r) => <Link className="text-rose-800 underline" href={`/reports?orgUnitId=${r.orgUnit.id}`}>{r.orgUnit.name}</Link> },
          ...(names.length > 0 ? [{ header: t('org.cluster'), cell: (r: Row) => r.orgUnit.cluster ?? '—' }] : []),
          { header: t('reports.disbursed'), numeric: true, cell: (r) => formatVnd(r.disbursed) },
          { header: t('reports.outstandingEnd'), numeric: true, cell: (r) => formatVnd(r.outstanding) },
        ]}
      />
      {clusters.length > 0 && (
        <>
          <h3 className="mb-2 mt-5 text-sm font-semibold">{t('dashboard.clustersTitle')}</h3>
          <DataTable<ClusterTotal>
            testId="cluster-totals"
            rows={clusters}
            rowKey={(c) => c.cluster ?? '—'}
            columns={[
              { header: t('org.cluster'), cell: (c) => c.cluster ?? t('dashboard.noCluster') },
              { header: t('dashboard.communes'), numeric: true, cell: (c) => String(c.communes) },
              { header: t('reports.disbursed'), numeric: true, cell: (c) => formatVnd(c.disbursed) },
              { header: t('reports.outstandingEnd'), numeric: true, cell: (c) => formatVnd(c.outstanding) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
