import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { ApiTokenList } from '@/components/users/api-tokens';
import { requireActor } from '@/lib/auth/session';
import { listApiTokens } from '@/lib/users';

export async function generateMetadata() {
  return { title: (await getTranslations('users.tokens'))('account') };
}

/** The signed-in user's own account: API tokens, each revocable. */
export default async function AccountPage() {
  const actor = await requireActor();
  const t = await getTranslations('users.tokens');
  return (
    <>
      <PageHeader title={t('account')} description={t('accountHelp')} />
      <Card title={t('title')}>
        <ApiTokenList tokens={await listApiTokens(actor)} />
      </Card>
    </>
  );
}
