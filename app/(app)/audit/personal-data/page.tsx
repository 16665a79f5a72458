import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { Pagination } from '@/components/ui/pagination';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/i18n/format';
import { listPersonalDataAccess } from '@/lib/privacy';
import { RetentionCard } from '@/components/privacy/retention-card';

export async function generateMetadata() {
  return { title: (await getTranslations('privacy.page'))('title') };
}

/** Who read or exported members' personal data (decision 025): for one member, this year unless another period is chosen. */
export default async function PersonalDataAccessPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => v !== ''));
  const t = await getTranslations();
  const { member, entries, total, page, pageSize, filters } = await orNotFound(listPersonalDataAccess(actor, query));

  return (
    <>
      <PageHeader
        title={member ? t('privacy.page.memberTitle', { name: member.fullName }) : t('privacy.page.title')}
        description={t('privacy.page.description')}
      />
      {!member && (
        <div className="mb-5">
          <RetentionCard actor={actor} />
        </div>
      )}
      <Card title={t('privacy.page.listTitle', { total })}>
        <FilterForm>
          {member && <input type="hidden" name="memberId" value={member.id} />}
          {(['from', 'to'] as const).map((name) => (
            <FilterField key={name} id={`f-${name}`} label={t(`privacy.page.${name}`)}>
              <input id={`f-${name}`} name={name} type="date" defaultValue={filters[name]} className={filterInputClass} />
            </FilterField>
          ))}
        </FilterForm>
        {entries.length === 0 ? (
          <EmptyState>{t('privacy.page.empty')}</EmptyState>
        ) : (
          <DataTable
            rows={entries}
            rowKey={(e) => String(e.id)}
            columns={[
              { header: t('privacy.page.at'), className: 'whitespace-nowrap', cell: (e) => formatDateTime(e.at) },
              {
                header: t('privacy.page.who'),
                cell: (e) => (
                  <>
                    <span className="font-mono">{e.username}</span>
                    <span className="block text-xs text-slate-600">{e.role ? t(`roles.${e.role}`) : ''}{e.unitName ? ` · ${e.unitName}` : ''}</span>
                  </>
                ),
              },
              {
                header: t('privacy.page.what'),
                cell: (e) => (
                  <>
                    {t(`privacy.kind.${e.kind}`)}
                    {e.kind === 'EXPORT' && <span className="block text-xs text-slate-600">{t('privacy.page.exportOf', { source: e.source ?? '', count: e.rowCount ?? 0 })}</span>}
                    {!member && e.memberId && (
                      <Link href={`/members/${e.memberId}`} className="block text-xs text-rose-800 underline">{e.memberName ?? e.memberId}</Link>
                    )}
                  </>
                ),
              },
              { header: t('privacy.page.fields'), cell: (e) => (e.fields.length ? e.fields.map((f) => t(`privacy.field.${f}`)).join(', ') : t('privacy.page.noFields')) },
              { header: t('privacy.page.purpose'), cell: (e) => (e.purpose ? t(`privacy.purpose.${e.purpose}`) : '—') },
            ]}
          />
        )}
        <Pagination path="/audit/personal-data" query={query} page={page} total={total} pageSize={pageSize} />
      </Card>
    </>
  );
}
