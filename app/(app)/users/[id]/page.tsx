import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { EditUserForms, roleOptions, unitOptions } from '@/components/users/user-forms';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { assertCan } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { listOrgUnits } from '@/lib/org';
import { findUserInScope, listApiTokens } from '@/lib/users';
import { ApiTokenList } from '@/components/users/api-tokens';

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations();
  const { orgUnit, passwordHash: _hidden, ...user } = await orNotFound(
    (async () => {
      assertCan(actor, 'user:manage');
      return findUserInScope(actor, id);
    })(),
  );
  const roles = await roleOptions(actor);
  const units = await unitOptions(await listOrgUnits(actor, { includeInactive: false }));
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/users" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.users')}</Link>
      </p>
      <PageHeader
        title={user.fullName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{user.username}</span>
            <span>{t(`roles.${user.role}`)} · {orgUnit.name}</span>
            {user.active ? <Badge tone="green">{t('users.active')}</Badge> : <Badge tone="amber">{t('users.inactive')}</Badge>}
          </span>
        }
      />
      <Card>
        <EditUserForms user={user} roles={roles} units={units} self={user.id === actor.userId} />
      </Card>
      <div className="mt-4">
        <Card title={t('users.tokens.title')}>
          <ApiTokenList tokens={await listApiTokens(actor, user.id)} userId={user.id} />
        </Card>
      </div>
    </>
  );
}
