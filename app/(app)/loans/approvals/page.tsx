import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { actorCan, assertCan } from '@/lib/auth/actor';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { requireActor } from '@/lib/auth/session';
import { listPendingLoans, listReversalRequests } from '@/lib/loans';
import { Pagination } from '@/components/ui/pagination';
import { formatVnd } from '@/lib/money';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('approvals') };
}

export default async function ApprovalsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  await orNotFound(Promise.resolve().then(() => assertCan(actor, 'loan:approve')));
  const requested = Math.max(1, Number((await searchParams).page) || 1);
  const { loans, total, page, pageSize } = await listPendingLoans(actor, requested);
  // Reversal requests of commune officers, for a leader who may decide them (not her own).
  const reversals = actorCan(actor, 'loan:risk') ? (await listReversalRequests(actor)).filter((r) => r.requestedById !== actor.userId) : [];
  return (
    <>
      <PageHeader title={t('nav.approvals')} description={t('loans.page.approvalsDescription')} />
      <Card>
        {loans.length === 0 ? (
          <EmptyState>{t('loans.page.approvalsEmpty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {loans.map((loan) => (
              <li key={loan.id} className="flex flex-wrap items-center gap-2 py-2">
                <Link href={`/loans/${loan.id}`} className="font-mono text-rose-800 underline">{loan.number}</Link>
                <span>{loan.member.fullName} · {loan.group.code} · {loan.programme.code}</span>
                <span className="tabular-nums">{formatVnd(loan.amountRequested)}</span>
                <Badge>{t('loans.page.roundLabel', { round: loan.round })}</Badge>
                <Badge tone={loan.status === 'APPRAISED' ? 'green' : 'amber'}>{t(`loans.status.${loan.status}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
        <Pagination path="/loans/approvals" query={{}} page={page} total={total} pageSize={pageSize} />
      </Card>
      {reversals.length > 0 && (
        <div className="mt-5">
          <Card title={t('loans.page.reversalRequestsTitle')}>
            <ul className="divide-y divide-slate-100 text-sm" data-testid="pending-reversals">
              {reversals.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link href={`/loans/${r.loan.id}`} className="font-mono text-rose-800 underline">{r.loan.number}</Link>
                  <span>{r.loan.member.fullName}</span>
                  <span>{t('loans.page.reversalRequestLine', {
                    date: formatDateOnly(r.transaction.date), kind: t(`loans.kind.${r.transaction.kind}`), amount: formatVnd(r.transaction.amount), reason: r.reason, by: r.requestedBy.fullName,
                  })}</span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}
