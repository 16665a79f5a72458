import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateUserForm, roleOptions, unitOptions } from '@/components/users/user-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilterSelect, filterInputClass } from '@/components/ui/filter-form';
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
            <EmptyState>{t('users.empty')}</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="border-b border-slate-200 text-slate-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3">{t('fields.username')}</th>
                    <th scope="col" className="py-2 pr-3">{t('fields.fullName')}</th>
                    <th scope="col" className="py-2 pr-3">{t('fields.role')}</th>
                    <th scope="col" className="py-2 pr-3">{t('fields.orgUnitId')}</th>
                    <th scope="col" className="py-2">{t('users.status')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {users.map((user) => (
                    <tr key={user.id}>
                      <td className="py-2 pr-3">
                        <Link href={`/users/${user.id}`} className="font-mono text-rose-800 underline-offset-2 hover:underline">{user.username}</Link>
                      </td>
                      <td className="py-2 pr-3">{user.fullName}</td>
                      <td className="py-2 pr-3">{t(`roles.${user.role}`)}</td>
                      <td className="py-2 pr-3">{user.orgUnit.name}</td>
                      <td className="py-2">{user.active ? <Badge tone="green">{t('users.active')}</Badge> : <Badge tone="amber">{t('users.inactive')}</Badge>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
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
