import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { memberChoices } from '@/components/members/member-choices';
import { EditMemberForm, LeaveMemberForm, TransferMemberForm } from '@/components/members/member-forms';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { findMemberInScope, readMember } from '@/lib/members';
import { isAccessPurpose, purposeRequired, PURPOSE_COOKIE } from '@/lib/privacy/purpose';
import { PurposeForm } from '@/components/privacy/purpose-form';
import { MemberRightsCard } from '@/components/privacy/member-rights-card';
import { listLoans } from '@/lib/loans';
import { programmeOptions } from '@/components/loans/loan-options';
import { ApplyForLoanForm } from '@/components/loans/loan-forms';
import { formatVnd } from '@/lib/money';
import { SavingsCard } from '@/components/savings/savings-card';
import { ConsentCard } from '@/components/members/consent-card';

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations();
  const purpose = (await cookies()).get(PURPOSE_COOKIE)?.value;
  if (purposeRequired(actor) && !isAccessPurpose(purpose)) {
    await orNotFound(findMemberInScope(actor, id));
    return (
      <Card title={t('privacy.purposeForm.title')}>
        <PurposeForm memberId={id} />
      </Card>
    );
  }
  const canWrite = actorCan(actor, 'register:write');
  // The page shows her name, CCCD (masked unless pii:nationalId) and household category; phone and address only in the edit form.
  const shown = (m: { status: string }) => ['fullName', 'nationalId', 'householdCategory', ...(canWrite && m.status === 'ACTIVE' ? ['phone', 'address'] : [])];
  const member = await orNotFound(readMember(actor, id, { via: 'DETAIL_PAGE', purpose, shown }));
  const writable = canWrite && member.status === 'ACTIVE' && !member.anonymisedAt;
  const { groups, choices } = await memberChoices(actor, member.orgUnitId);
  const transferTargets = groups.filter((g) => g.value !== member.groupId);
  const { loans } = actorCan(actor, 'loan:read') ? await listLoans(actor, { memberId: member.id }) : { loans: [] };
  const canApply = actorCan(actor, 'loan:apply') && member.status === 'ACTIVE' && member.groupId !== null && !member.restrictedAt;

  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/members" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.members')}</Link>
      </p>
      <PageHeader
        title={member.fullName}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{member.nationalId}</span>
            <span>{member.orgUnit.name}</span>
            {member.group ? (
              <Link href={`/groups/${member.group.id}`} className="text-rose-800 underline">{member.group.code} · {member.group.name}</Link>
            ) : (
              <span>{t('members.noGroup')}</span>
            )}
            <Badge tone={member.status === 'ACTIVE' ? 'green' : 'slate'}>{t(`registers.memberStatus.${member.status}`)}</Badge>
            {member.restrictedAt && <Badge tone="amber">{t('privacy.memberCard.restrictTitle')}</Badge>}
            {member.anonymisedAt && <Badge>{t('privacy.memberCard.anonymisedBadge')}</Badge>}
            <Badge>{t(`registers.householdCategory.${member.householdCategory}`)}</Badge>
          </span>
        }
      />
      <div className="grid gap-5 lg:grid-cols-2">
        {writable && (
          <Card title={t('members.editTitle')}>
            <EditMemberForm member={member} choices={choices} />
          </Card>
        )}
        <div className="space-y-5">
          <ConsentCard actor={actor} memberId={member.id} closed={member.anonymisedAt !== null} />
          {actorCan(actor, 'loan:read') && (
            <Card title={t('nav.loans')}>
              <ul className="space-y-1 text-sm" data-testid="member-loans">
                {loans.map((loan) => (
                  <li key={loan.id}>
                    <Link href={`/loans/${loan.id}`} className="font-mono text-rose-800 underline">{loan.number}</Link> · {loan.programme.code} ·{' '}
                    {t('loans.page.roundLabel', { round: loan.round })} · {['APPLIED', 'APPRAISED', 'APPROVED'].includes(loan.status) ? t('loans.page.askedAmount', { amount: formatVnd(loan.amountApproved ?? loan.amountRequested) }) : formatVnd(loan.cachedOutstanding)} · {t(`loans.status.${loan.status}`)}
                  </li>
                ))}
              </ul>
              {canApply && (
                <details className="mt-3">
                  <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('loans.page.applyTitle')}</summary>
                  <div className="mt-2">
                    <ApplyForLoanForm members={[{ value: member.id, label: member.fullName }]} programmes={await programmeOptions(actor)} />
                  </div>
                </details>
              )}
            </Card>
          )}
          <MemberRightsCard actor={actor} member={member} />
          {actorCan(actor, 'savings:read') && <SavingsCard actor={actor} memberId={member.id} active={member.status === 'ACTIVE'} />}
          <Card title={t('members.groupHistory')}>
            <ul className="space-y-1 text-sm" data-testid="group-history">
              {member.memberships.map((m) => (
                <li key={String(m.id)}>
                  {formatDateOnly(m.fromDate)} – {m.toDate ? formatDateOnly(m.toDate) : '…'} ·{' '}
                  <Link href={`/groups/${m.group.id}`} className="text-rose-800 underline">{m.group.code}</Link> · {t(`registers.membershipReason.${m.reason}`)}
                </li>
              ))}
            </ul>
          </Card>
          {writable && transferTargets.length > 0 && (
            <Card title={t('members.transferTitle')}>
              <TransferMemberForm memberId={member.id} groups={transferTargets} />
            </Card>
          )}
          {writable && (
            <Card title={t('members.leaveTitle')}>
              <LeaveMemberForm member={member} />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}
