import { getTranslations } from 'next-intl/server';
import { revokeTokenAction } from '@/app/(app)/users/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Badge, EmptyState } from '@/components/ui/card';
import { formatDateTime } from '@/lib/i18n/format';
import type { listApiTokens } from '@/lib/users';

const TONE = { ACTIVE: 'green', EXPIRED: 'slate', REVOKED: 'amber' } as const;

/** API tokens with their state and last use; active ones can be revoked. */
export async function ApiTokenList({ tokens, userId }: { tokens: Awaited<ReturnType<typeof listApiTokens>>; userId?: string }) {
  const t = await getTranslations('users.tokens');
  if (tokens.length === 0) return <EmptyState>{t('none')}</EmptyState>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="api-tokens">
      {tokens.map((token) => (
        <li key={token.id} className="flex flex-wrap items-center gap-3 py-2">
          <Badge tone={TONE[token.state]}>{t(`states.${token.state}`)}</Badge>
          <span>{t('line', { created: formatDateTime(token.createdAt), expires: formatDateTime(token.expiresAt), used: token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('never') })}</span>
          {token.state === 'ACTIVE' && (
            <ActionForm action={revokeTokenAction} submitLabel={t('revoke')} variant="secondary">
              <input type="hidden" name="tokenId" value={token.id} />
              {userId && <input type="hidden" name="userId" value={userId} />}
            </ActionForm>
          )}
        </li>
      ))}
    </ul>
  );
}
