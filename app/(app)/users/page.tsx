import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateUserForm, roleOptions, unitOptions } from '@/components/users/user-forms';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { queryObject } from '@/lib/api/form';
import { requireActor } from '@/lib/auth/session';
import { listOrgUnits } from '@/lib/org';
import { listUsers } from '@/lib/users';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('users') };
}

const inputClass = 'min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = await searchParams;
  const t = await getTranslations();
  const { users, total, page, pageSize } = await orNotFound(listUsers(actor, queryObject(query)));
  const roles = await roleOptions(actor);
  const units = await unitOptions(await listOrgUnits(actor, { includeInactive: false }));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const pageLink = (n: number) => `/users?${new URLSearchParams({ ...query, page: String(n) })}`;

  return (
    <>
      <PageHeader title={t('nav.users')} description={t('users.pageDescription')} />
      <div className="grid gap-5">
        <Card title={t('users.listTitle', { total })}>
          <form method="get" className="mb-4 flex flex-wrap items-end gap-2" role="search">
            <div className="flex flex-col">
              <label htmlFor="q" className="text-sm font-medium">{t('users.search')}</label>
              <input id="q" name="q" defaultValue={query.q} className={inputClass} />
            </div>
            <div className="flex flex-col">
              <label htmlFor="role" className="text-sm font-medium">{t('fields.role')}</label>
              <select id="role" name="role" defaultValue={query.role ?? ''} className={inputClass}>
                <option value="">{t('common.all')}</option>
                {roles.map((r) => <option key={r.value} value={r.value}>{r.label}</option>)}
              </select>
            </div>
            <button type="submit" className={buttonClass('secondary')}>{t('common.filter')}</button>
          </form>
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
          {pages > 1 && (
            <nav aria-label={t('common.pagination')} className="mt-3 flex gap-2 text-sm">
              {page > 1 && <Link className={buttonClass('secondary')} href={pageLink(page - 1)}>{t('common.previous')}</Link>}
              <span className="self-center">{t('common.pageOf', { page, pages })}</span>
              {page < pages && <Link className={buttonClass('secondary')} href={pageLink(page + 1)}>{t('common.next')}</Link>}
            </nav>
          )}
        </Card>
        <Card title={t('users.createTitle')}>
          <CreateUserForm roles={roles} units={units} />
        </Card>
      </div>
    </>
  );
}
