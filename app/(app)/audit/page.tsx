import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilteredEmptyState, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { Pagination } from '@/components/ui/pagination';
import { orNotFound } from '@/lib/api/page';
import { canReadFailedSignIns, listAudit, listFailedSignIns } from '@/lib/audit';
import { requireActor } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/i18n/format';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('audit') };
}

const FILTERS = ['action', 'entity', 'actor', 'from', 'to'] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== ''));
  const t = await getTranslations();
  const { entries, total, page, pageSize } = await orNotFound(listAudit(actor, query));
  const summary = (value: unknown) => (value ? JSON.stringify(value) : '');
  // "loan.reversal.request" → its name in the reader's language (the code stays beside it, and is what the filter takes).
  const actionName = (action: string) => {
    const key = `audit.actionNames.${action.replaceAll('.', '_')}`;
    return t.has(key) ? t(key) : action;
  };
  const actionNames = t.raw('audit.actionNames') as Record<string, string>;
  const failedSignIns = canReadFailedSignIns(actor) ? await listFailedSignIns(actor) : null;
  const reasonName = (reason: string) => (t.has(`audit.failedSignIns.reasons.${reason}`) ? t(`audit.failedSignIns.reasons.${reason}`) : reason);

  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.pageDescription')} />
      {failedSignIns && (
        <Card title={t('audit.failedSignIns.title')}>
          <p className="mb-3 text-sm text-slate-600">{t('audit.failedSignIns.description')}</p>
          {failedSignIns.length === 0 ? (
            <EmptyState>{t('audit.failedSignIns.empty')}</EmptyState>
          ) : (
            <DataTable
              rows={failedSignIns}
              rowKey={(row) => row.id}
              columns={[
                { header: t('audit.at'), className: 'whitespace-nowrap', cell: (row) => formatDateTime(row.at) },
                { header: t('audit.failedSignIns.username'), className: 'font-mono', cell: (row) => row.username },
                { header: t('audit.failedSignIns.address'), className: 'font-mono', cell: (row) => row.address },
                { header: t('audit.failedSignIns.reason'), cell: (row) => reasonName(row.reason) },
              ]}
            />
          )}
        </Card>
      )}
      <Card title={t('audit.listTitle', { total })}>
        <FilterForm>
          {FILTERS.map((name) => (
            <FilterField key={name} id={`f-${name}`} label={t(`audit.filter.${name}`)}>
              <input
                id={`f-${name}`} name={name} type={name === 'from' || name === 'to' ? 'date' : 'text'} defaultValue={query[name]} className={filterInputClass}
                list={name === 'action' ? 'audit-actions' : undefined}
              />
            </FilterField>
          ))}
        </FilterForm>
        <datalist id="audit-actions">
          {Object.entries(actionNames).map(([key, label]) => <option key={key} value={key.replace(/_(?=[a-z])/g, '.').replace('write.off', 'write_off')}>{label}</option>)}
        </datalist>
        {entries.length === 0 ? (
          <FilteredEmptyState query={query} path="/audit">
            <EmptyState>{t('audit.empty')}</EmptyState>
          </FilteredEmptyState>
        ) : (
          <DataTable
            rows={entries}
            rowKey={(entry) => String(entry.id)}
            columns={[
              { header: t('audit.at'), className: 'whitespace-nowrap', cell: (entry) => formatDateTime(entry.at) },
              { header: t('audit.filter.actor'), className: 'font-mono', cell: (entry) => entry.actorUsername ?? t('audit.system') },
              {
                header: t('audit.filter.action'),
                cell: (entry) => (
                  <>
                    {actionName(entry.action)}
                    <span className="block font-mono text-xs text-slate-600">{entry.action}</span>
                  </>
                ),
              },
              {
                header: t('audit.filter.entity'),
                cell: (entry) => (
                  <>
                    {entry.subject?.href ? <Link href={entry.subject.href} className="text-rose-800 underline">{entry.subject.label}</Link> : entry.subject?.label ?? entry.entity}
                    <span className="block font-mono text-xs text-slate-600">{entry.entity}{entry.entityId ? ` · ${entry.entityId}` : ''}</span>
                  </>
                ),
              },
              {
                header: t('audit.change'),
                className: 'max-w-md',
                cell: (entry) => (
                  <details>
                    <summary className="cursor-pointer text-rose-800">{t('audit.details')}</summary>
                    <dl className="mt-1 space-y-1 break-all font-mono text-xs">
                      <dt className="font-semibold">{t('audit.before')}</dt>
                      <dd>{summary(entry.before) || '—'}</dd>
                      <dt className="font-semibold">{t('audit.after')}</dt>
                      <dd>{summary(entry.after) || '—'}</dd>
                      <dt className="font-semibold">{t('audit.requestId')}</dt>
                      <dd>{entry.requestId ?? '—'}</dd>
                    </dl>
                  </details>
                ),
              },
            ]}
          />
        )}
        <Pagination path="/audit" query={query} page={page} total={total} pageSize={pageSize} />
      </Card>
    </>
  );
}
