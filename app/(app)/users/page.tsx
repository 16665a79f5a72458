import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateUserForm, roleOptions, unitOptions } from '@/components/users/user-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilterSelect, FilteredEmptyState, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { Pagination } from '@/components/ui/pagination';
import { orNotFound } from '@/lib/api/page';
import { queryObject } from '@/lib/api/form';
import { requireActor } from '@/lib/auth/session';
import { listOrgUnits } from '@/lib/org';
import { listUsers } from '@/lib/users';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('users') };
}

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const t = await getTranslations();
  const { users, total, page, pageSize } = await orNotFound(listUsers(actor, queryObject(query)));
  const roles = await roleOptions(actor);
  const units = await unitOptions(await listOrgUnits(actor, { includeInactive: false }));

  return (
    <>
      <PageHeader title={t('nav.users')} description={t('users.pageDescription')} />
      <div className="grid gap-5">
        <Card title={t('users.listTitle', { total })}>
          <FilterForm>
            <FilterField id="q" label={t('users.search')}>
              <input id="q" name="q" defaultValue={query.q} className={filterInputClass} />
            </FilterField>
            <FilterSelect id="role" name="role" label={t('fields.role')} value={query.role} options={roles} allLabel={t('common.all')} />
          </FilterForm>
          {users.length === 0 ? (
            <FilteredEmptyState query={query} path="/users">
              <EmptyState>{t('users.empty')}</EmptyState>
            </FilteredEmptyState>
          ) : (
            <DataTable
              rows={users}
              rowKey={(user) => user.id}
              columns={[
                { header: t('fields.username'), className: 'font-mono', cell: (user) => <Link href={`/users/${user.id}`} className="text-rose-800 underline-offset-2 hover:underline">{user.username}</Link> },
                { header: t('fields.fullName'), cell: (user) => user.fullName },
                { header: t('fields.role'), cell: (user) => t(`roles.${user.role}`) },
                { header: t('fields.orgUnitId'), cell: (user) => user.orgUnit.name },
                { header: t('users.status'), cell: (user) => (user.active ? <Badge tone="green">{t('users.active')}</Badge> : <Badge tone="amber">{t('users.inactive')}</Badge>) },
              ]}
            />
          )}
          <Pagination path="/users" query={queryObject(query)} page={page} total={total} pageSize={pageSize} />
        </Card>
        <Card title={t('users.createTitle')}>
          <CreateUserForm roles={roles} units={units} />
        </Card>
      </div>
    </>
  );
}
