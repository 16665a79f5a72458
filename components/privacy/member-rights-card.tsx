import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { eraseMemberAction, liftRestrictionAction, restrictMemberAction } from '@/app/(app)/members/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/card';
import { TextField } from '@/components/ui/fields';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { retentionYears } from '@/lib/privacy/retention';

export interface RightsMember {
  id: string;
  status: string;
  restrictedAt: Date | null;
  restrictionReason: string | null;
  anonymisedAt: Date | null;
}

/**
 * Her rights over her data, for those who act on them (decisions 025, 027): the subject access
 * export, restricting processing and erasure for the officers who keep her register; who read her
 * record this year for the administrators.
 */
export async function MemberRightsCard({ actor, member }: { actor: Actor; member: RightsMember }) {
  const t = await getTranslations('privacy.memberCard');
  const canAct = actorCan(actor, 'register:write');
  const canAudit = actorCan(actor, 'audit:read');
  if (!canAct && !canAudit) return null;
  const open = canAct && !member.anonymisedAt;
  return (
    <Card title={t('title')}>
      <div className="space-y-2 text-sm" data-testid="member-rights">
        {member.anonymisedAt && <p className="rounded bg-slate-100 p-2 text-slate-800">{t('anonymised', { date: formatDateOnly(member.anonymisedAt) })}</p>}
        {canAct && (
          <>
            <a href={`/api/v1/members/${member.id}/subject-access?format=xlsx`} download className="font-medium text-rose-800 underline">{t('subjectAccess')}</a>
            <p className="text-slate-600">{t('subjectAccessHelp')}</p>
            {open && <p className="text-slate-600">{t('correctHelp')}</p>}
          </>
        )}
        {open && <RestrictionForms member={member} />}
        {open && member.status === 'LEFT' && (
          <details>
            <summary className="cursor-pointer font-medium text-rose-800">{t('eraseTitle')}</summary>
            <p className="mt-2 text-slate-600">{t('eraseHelp', { years: await retentionYears() })}</p>
            <ActionForm action={eraseMemberAction} submitLabel={t('erase')} variant="danger" confirm={t('eraseConfirm')} className="mt-2">
              <input type="hidden" name="id" value={member.id} />
            </ActionForm>
          </details>
        )}
        {canAudit && <Link href={`/audit/personal-data?memberId=${member.id}`} className="block text-rose-800 underline">{t('accessLog')}</Link>}
      </div>
    </Card>
  );
}

async function RestrictionForms({ member }: { member: RightsMember }) {
  const t = await getTranslations('privacy.memberCard');
  if (member.restrictedAt) {
    return (
      <div className="rounded border border-amber-300 bg-amber-50 p-2" data-testid="restriction">
        <p className="text-amber-900">{t('restricted', { date: formatDateOnly(member.restrictedAt), reason: member.restrictionReason ?? '' })}</p>
        <ActionForm action={liftRestrictionAction} submitLabel={t('lift')} variant="secondary" className="mt-2">
          <input type="hidden" name="id" value={member.id} />
        </ActionForm>
      </div>
    );
  }
  return (
    <details>
      <summary className="cursor-pointer font-medium text-rose-800">{t('restrictTitle')}</summary>
      <p className="mt-2 text-slate-600">{t('restrictHelp')}</p>
      <ActionForm action={restrictMemberAction} submitLabel={t('restrict')} className="mt-2 space-y-3">
        <input type="hidden" name="id" value={member.id} />
        <TextField label={t('restrictReason')} name="reason" required maxLength={300} autoComplete="off" />
      </ActionForm>
    </details>
  );
}
