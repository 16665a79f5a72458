import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AttachmentForm, FindingsForm } from '@/components/inspections/findings-form';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { getInspection } from '@/lib/inspections';

export default async function InspectionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const inspection = await orNotFound(getInspection(actor, (await params).id));
  const write = actorCan(actor, 'inspection:write');
  const subject = inspection.member
    ? <Link className="text-rose-800 underline" href={`/members/${inspection.member.id}`}>{inspection.member.fullName} ({inspection.member.code})</Link>
    : inspection.group
      ? <Link className="text-rose-800 underline" href={`/groups/${inspection.group.id}`}>{inspection.group.code} · {inspection.group.name}</Link>
      : inspection.orgUnit.name;
  return (
    <>
      <p className="mb-3 text-sm"><Link href="/inspections" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.inspections')}</Link></p>
      <PageHeader
        title={t('inspections.detail.title', { level: t(`inspections.level.${inspection.level}`) })}
        description={`${formatDateOnly(inspection.date)} · ${t(`inspections.kind.${inspection.kind}`)} · ${inspection.orgUnit.name}${inspection.plan ? ` · ${inspection.plan.title}` : ''}`}
      />
      {inspection.loan?.recallFlaggedAt && (
        <p role="alert" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t('inspections.detail.recallFlag', { number: inspection.loan.number, reason: inspection.loan.recallReason ?? '' })}
        </p>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('inspections.detail.subject')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('inspections.detail.subject')}</dt>
            <dd>{subject}</dd>
            {inspection.loan && (
              <>
                <dt className="text-slate-600">{t('inspections.page.loanNumber')}</dt>
                <dd><Link className="text-rose-800 underline" href={`/loans/${inspection.loan.id}`}>{inspection.loan.number}</Link></dd>
              </>
            )}
            <dt className="text-slate-600">{t('inspections.page.inspectors')}</dt>
            <dd>{inspection.inspectors}</dd>
            {inspection.summary && (
              <>
                <dt className="text-slate-600">{t('inspections.page.summary')}</dt>
                <dd>{inspection.summary}</dd>
              </>
            )}
          </dl>
        </Card>
        <Card title={t('inspections.detail.findings')}>
          {inspection.findings.length === 0 ? (
            <EmptyState action={write && t('inspections.detail.noFindingsAdd')}>{t('inspections.detail.noFindings')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="findings">
              {inspection.findings.map((f) => (
                <li key={f.id} className="py-2">
                  <Badge tone={f.passed ? 'green' : 'rose'}>{f.passed ? t('inspections.detail.passed') : t('inspections.detail.failedItem')}</Badge> {t(`inspections.items.${f.item}`)}
                  {f.notes && <span className="block text-slate-700">{f.notes}</span>}
                  {f.followUp && (
                    <span className="block text-slate-700">
                      {t('inspections.detail.action')}: {f.followUp.action} · {f.followUp.owner} · {formatDateOnly(f.followUp.dueDate)} ·{' '}
                      <Badge tone={f.followUp.status === 'OPEN' ? 'amber' : 'green'}>{t(`inspections.followUpStatus.${f.followUp.status}`)}</Badge>
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {write && (
          <Card title={t('inspections.detail.addFindings')}>
            <FindingsForm
              id={inspection.id}
              level={inspection.level}
              recorded={inspection.findings.map((f) => f.item)}
              hasLoan={!!inspection.loan && !inspection.loan.recallFlaggedAt}
            />
          </Card>
        )}
        <Card title={t('inspections.detail.attachments')}>
          {inspection.attachments.length === 0 ? (
            <EmptyState action={write && t('inspections.detail.noAttachmentsAdd')}>{t('inspections.detail.noAttachments')}</EmptyState>
          ) : (
            <ul className="text-sm" data-testid="attachments">
              {inspection.attachments.map((a) => (
                <li key={a.id}>
                  <a className="text-rose-800 underline" href={`/api/v1/inspections/${inspection.id}/attachments/${a.id}`}>{a.fileName}</a> · {Math.ceil(a.size / 1024)} KB
                </li>
              ))}
            </ul>
          )}
          {write && <div className="mt-3"><AttachmentForm id={inspection.id} /></div>}
        </Card>
      </div>
    </>
  );
}
