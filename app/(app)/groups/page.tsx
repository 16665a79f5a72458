import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateGroupForm } from '@/components/groups/group-forms';
import { communeAndChapterOptions, enumOptions } from '@/components/groups/group-options';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilterSelect, FilteredEmptyState, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { Pagination } from '@/components/ui/pagination';
import { queryObject } from '@/lib/api/form';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { GROUP_SIZE_RULES, GROUP_STATUSES, listGroups, PROGRAMME_KINDS } from '@/lib/groups';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('groups') };
}

export default async function GroupsPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = queryObject(await searchParams);
  const t = await getTranslations();
  const { groups, total, page, pageSize } = await orNotFound(listGroups(actor, query));
  const { communes, chapters } = await communeAndChapterOptions(actor);
  const kinds = await enumOptions('programmeKind', PROGRAMME_KINDS);
  const statuses = await enumOptions('groupStatus', GROUP_STATUSES);
  const consolidateView = query.toConsolidate === '1';
  const canWrite = actorCan(actor, 'register:write') && communes.length > 0;

  return (
    <>
      <PageHeader
        title={consolidateView ? t('groups.toConsolidateView') : t('nav.groups')}
        description={consolidateView ? t('groups.toConsolidateHelp', { vbsp: GROUP_SIZE_RULES.VBSP.consolidateBelow, revolving: GROUP_SIZE_RULES.REVOLVING.consolidateBelow }) : t('groups.pageDescription')}
        actions={
          <Link href={consolidateView ? '/groups' : '/groups?toConsolidate=1'} className="text-sm font-medium text-rose-800 underline">
            {consolidateView ? t('nav.groups') : t('groups.toConsolidateView')}
          </Link>
        }
      />
      <div className="grid gap-5">
        <Card title={t('groups.listTitle', { total })}>
          <FilterForm>
            <FilterField id="q" label={t('fields.q')}>
              <input id="q" name="q" defaultValue={query.q} className={filterInputClass} />
            </FilterField>
            {communes.length > 1 && <FilterSelect id="orgUnitId" name="orgUnitId" label={t('registers.commune')} value={query.orgUnitId} options={communes} allLabel={t('common.all')} />}
            <FilterSelect id="programmeKind" name="programmeKind" label={t('fields.programmeKind')} value={query.programmeKind} options={kinds} allLabel={t('common.all')} />
            <FilterSelect id="status" name="status" label={t('fields.status')} value={query.status} options={statuses} allLabel={t('common.all')} />
            <FilterSelect
              id="sort"
              name="sort"
              label={t('common.sortBy')}
              value={query.sort}
              options={[{ value: 'name', label: t('fields.name') }, { value: 'members', label: t('groups.members') }]}
              allLabel={t('fields.groupCode')}
            />
            <FilterSelect id="dir" name="dir" label={t('common.order')} value={query.dir} options={[{ value: 'desc', label: t('common.descending') }]} allLabel={t('common.ascending')} />
            {consolidateView && <input type="hidden" name="toConsolidate" value="1" />}
          </FilterForm>
          {groups.length === 0 ? (
            <FilteredEmptyState query={query} path="/groups">
              <EmptyState action={canWrite ? <>{t('groups.emptyAdd')} <Link href="/imports" className="text-rose-800 underline">{t('common.importFromExcel')}</Link></> : t('groups.emptyReadOnly')}>{t('groups.empty')}</EmptyState>
            </FilteredEmptyState>
          ) : (
            <DataTable
              rows={groups}
              rowKey={(g) => g.id}
              columns={[
                { header: t('fields.groupCode'), className: 'font-mono', cell: (g) => <Link href={`/groups/${g.id}`} className="text-rose-800 underline-offset-2 hover:underline">{g.code}</Link> },
                { header: t('fields.name'), cell: (g) => g.name },
                ...(communes.length > 1 ? [{ header: t('registers.commune'), cell: (g: (typeof groups)[number]) => g.orgUnit.name }] : []),
                { header: t('fields.programmeKind'), cell: (g) => t(`registers.programmeKind.${g.programmeKind}`) },
                { header: t('groups.members'), numeric: true, cell: (g) => g.memberCount },
                {
                  header: t('fields.status'),
                  cell: (g) => (
                    <span className="flex flex-wrap gap-1">
                      <Badge tone={g.status === 'ACTIVE' ? 'green' : 'slate'}>{t(`registers.groupStatus.${g.status}`)}</Badge>
                      {g.toConsolidate && <Badge tone="amber">{t('groups.toConsolidate')}</Badge>}
                    </span>
                  ),
                },
              ]}
            />
          )}
          <Pagination path="/groups" query={query} page={page} total={total} pageSize={pageSize} />
        </Card>
        {canWrite && (
          <Card title={t('groups.createTitle')}>
            <CreateGroupForm communes={communes} chapters={chapters} kinds={kinds} />
          </Card>
        )}
      </div>
    </>
  );
}
