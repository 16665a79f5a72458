import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { enumOptions } from '@/components/groups/group-options';
import { memberChoices } from '@/components/members/member-choices';
import { CreateMemberForm } from '@/components/members/member-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilterSelect, FilteredEmptyState, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { Pagination } from '@/components/ui/pagination';
import { queryObject } from '@/lib/api/form';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { listMembers, MEMBER_STATUSES } from '@/lib/members';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('members') };
}

export default async function MembersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = queryObject(await searchParams);
  const t = await getTranslations();
  const { members, total, totalCapped, page, pageSize } = await orNotFound(listMembers(actor, query));
  const { communes, groups, choices } = await memberChoices(actor);
  const statuses = await enumOptions('memberStatus', MEMBER_STATUSES);
  const canWrite = actorCan(actor, 'register:write') && communes.length > 0;
  const sorts = ['name', 'code', 'joinedAt', 'birthYear'].map((value) => ({
    value,
    label: t(value === 'name' ? 'fields.fullName' : value === 'code' ? 'fields.memberCode' : `fields.${value}`),
  }));

  return (
    <>
      <PageHeader title={t('nav.members')} description={t('members.pageDescription')} />
      <div className="grid gap-5">
        <Card title={t(totalCapped ? 'members.listTitleCapped' : 'members.listTitle', { total })}>
          <FilterForm>
            <FilterField id="q" label={t('fields.q')}>
              <input id="q" name="q" defaultValue={query.q} placeholder={t('members.searchHint')} className={`${filterInputClass} w-72 max-w-full`} />
            </FilterField>
            <FilterSelect id="groupId" name="groupId" label={t('fields.groupId')} value={query.groupId} options={groups} allLabel={t('common.all')} />
            {choices.chapters.length > 0 && <FilterSelect id="chapterId" name="chapterId" label={t('fields.chapterId')} value={query.chapterId} options={choices.chapters} allLabel={t('common.all')} />}
            <FilterSelect id="householdCategory" name="householdCategory" label={t('fields.householdCategory')} value={query.householdCategory} options={choices.categories} allLabel={t('common.all')} />
            <FilterSelect id="status" name="status" label={t('fields.status')} value={query.status} options={statuses} allLabel={t('common.all')} />
            <FilterSelect id="sort" name="sort" label={t('common.sortBy')} value={query.sort} options={sorts} allLabel={t('fields.fullName')} />
            <FilterSelect id="dir" name="dir" label={t('common.order')} value={query.dir} options={[{ value: 'desc', label: t('common.descending') }]} allLabel={t('common.ascending')} />
          </FilterForm>
          {totalCapped && <p role="status" className="mb-3 text-sm text-slate-700">{t('members.searchCapped', { total })}</p>}
          {members.length === 0 ? (
            <FilteredEmptyState query={query} path="/members">
              <EmptyState action={canWrite ? <>{t('members.emptyAdd')} <Link href="/imports" className="text-rose-800 underline">{t('common.importFromExcel')}</Link></> : t('members.emptyReadOnly')}>{t('members.empty')}</EmptyState>
            </FilteredEmptyState>
          ) : (
            <DataTable
              rows={members}
              rowKey={(m) => m.id}
              columns={[
                { header: t('fields.fullName'), cell: (m) => <Link href={`/members/${m.id}`} className="font-medium text-rose-800 underline-offset-2 hover:underline">{m.fullName}</Link> },
                { header: t('fields.nationalId'), className: 'font-mono', cell: (m) => m.nationalId },
                { header: t('fields.birthYear'), numeric: true, cell: (m) => m.birthYear ?? '—' },
                { header: t('fields.groupId'), cell: (m) => (m.group ? `${m.group.code} · ${m.group.name}` : t('members.noGroup')) },
                { header: t('fields.householdCategory'), cell: (m) => t(`registers.householdCategory.${m.householdCategory}`) },
                { header: t('fields.status'), cell: (m) => <Badge tone={m.status === 'ACTIVE' ? 'green' : 'slate'}>{t(`registers.memberStatus.${m.status}`)}</Badge> },
                {
                  header: t('members.consent.column'),
                  cell: (m) =>
                    m.consent.LENDING_SAVINGS !== 'GIVEN' ? <Badge tone="rose">{t('members.consent.badgeNone')}</Badge>
                    : m.consent.BANK_SHARING !== 'GIVEN' ? <Badge tone="amber">{t('members.consent.badgeLendingOnly')}</Badge>
                    : <Badge tone="green">{t('members.consent.badgeAll')}</Badge>,
                },
              ]}
            />
          )}
          <Pagination path="/members" query={query} page={page} total={total} pageSize={pageSize} />
        </Card>
        {canWrite && (
          <Card title={t('members.createTitle')}>
            <CreateMemberForm communes={communes} groups={groups} choices={choices} />
          </Card>
        )}
      </div>
    </>
  );
}
