import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';

/**
 * Her rights over her data, for those who act on them (decision 025): the subject access export for
 * the officers who keep her register, who read her record this year for the administrators.
 */
export async function MemberRightsCard({ actor, memberId }: { actor: Actor; memberId: string }) {
  const t = await getTranslations('privacy.memberCard');
  const canExport = actorCan(actor, 'register:write');
  const canAudit = actorCan(actor, 'audit:read');
  if (!canExport && !canAudit) return null;
  return (
    <Card title={t('title')}>
      <div className="space-y-2 text-sm" data-testid="member-rights">
        {canExport && (
          <>
            <a href={`/api/v1/members/${memberId}/subject-access?format=xlsx`} download className="font-medium text-rose-800 underline">{t('subjectAccess')}</a>
            <p className="text-slate-600">{t('subjectAccessHelp')}</p>
            <p className="text-slate-600">{t('correctHelp')}</p>
          </>
        )}
        {canAudit && <Link href={`/audit/personal-data?memberId=${memberId}`} className="block text-rose-800 underline">{t('accessLog')}</Link>}
      </div>
    </Card>
  );
}
