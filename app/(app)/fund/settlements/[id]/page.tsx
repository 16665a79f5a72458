import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CloseSettlementForm, DecideSettlementForm, SettlementTransferForm } from '@/components/fund/fund-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { getSettlement, transferTargets, type WorksheetItem } from '@/lib/fund';
import { formatVnd } from '@/lib/money';

export async function generateMetadata() {
  return { title: (await getTranslations('fund.settlement'))('title') };
}

export default async function SettlementPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations();
  const { settlement, items } = await orNotFound(getSettlement(actor, id, todayInVietnam()));
  const manage = actorCan(actor, 'fund:manage');
  const approved = settlement.status === 'APPROVED';
  const targets = manage && approved ? await transferTargets(actor, id) : [];
  const members = [...new Map(items.filter((i) => i.memberId).map((i) => [i.memberId!, i.memberName!])).entries()].map(([value, label]) => ({ value, label }));

  return (
    <>
      <p className="mb-3 text-sm"><Link href="/fund" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.fund')}</Link></p>
      <PageHeader
        title={t('fund.settlement.heading', { commune: settlement.orgUnit.name })}
        description={<Badge tone={approved ? 'rose' : 'slate'}>{t(`fund.settlementStatus.${settlement.status}`)}</Badge>}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title={t('common.details')}>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
            <dt className="text-slate-600">{t('fund.settlement.requestDate')}</dt><dd>{formatDateOnly(settlement.requestDate)}</dd>
            <dt className="text-slate-600">{t('fund.settlement.documentRef')}</dt><dd>{settlement.documentRef}</dd>
            <dt className="text-slate-600">{t('fund.settlement.reason')}</dt><dd>{settlement.reason}</dd>
            {settlement.decidedAt && (<><dt className="text-slate-600">{t('fund.settlement.decisionDate')}</dt><dd>{formatDateOnly(settlement.decidedAt)}{settlement.decisionNote ? ` · ${settlement.decisionNote}` : ''}</dd></>)}
            {settlement.closedAt && (<><dt className="text-slate-600">{t('fund.settlement.closeDate')}</dt><dd>{formatDateOnly(settlement.closedAt)}</dd></>)}
          </dl>
          {approved && <p className="mt-3 rounded-md bg-amber-50 p-2 text-sm text-amber-900">{t('fund.settlement.lendingStopped')}</p>}
        </Card>
        {manage && settlement.status === 'REQUESTED' && (
          <Card title={t('fund.settlement.decideTitle')}><DecideSettlementForm id={settlement.id} /></Card>
        )}
        {approved && (
          <Card title={t('fund.settlement.worksheetTitle', { count: items.length })}>
            {items.length === 0 ? (
              <EmptyState>{t('fund.settlement.nothingLeft')}</EmptyState>
            ) : (
              <DataTable<WorksheetItem>
                testId="worksheet"
                rows={items}
                rowKey={(i) => `${i.kind}:${i.id}`}
                columns={[
                  { header: t('fund.settlement.item'), cell: (i) => t(`fund.settlement.kinds.${i.kind}`) },
                  {
                    header: t('fund.settlement.what'),
                    cell: (i) => (i.kind === 'LOAN' ? <Link className="text-rose-800 underline" href={`/loans/${i.id}`}>{i.label}</Link> : i.kind === 'SAVINGS' ? i.label : t('fund.settlement.cashHelp')),
                  },
                  { header: t('fund.settlement.member'), cell: (i) => (i.memberId ? <Link className="text-rose-800 underline" href={`/members/${i.memberId}`}>{i.memberName}</Link> : '') },
                  { header: t('fund.settlement.amount'), numeric: true, cell: (i) => formatVnd(i.amount) },
                ]}
              />
            )}
            {manage && members.length > 0 && targets.length > 0 && (
              <div className="mt-4">
                <SettlementTransferForm id={settlement.id} members={members} groups={targets.map((g) => ({ value: g.id, label: `${g.orgUnit.name} · ${g.code} ${g.name}` }))} />
              </div>
            )}
          </Card>
        )}
        {manage && approved && (
          <Card title={t('fund.settlement.closeTitle')}><CloseSettlementForm id={settlement.id} /></Card>
        )}
      </div>
    </>
  );
}
