import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { programmeOptions } from '@/components/loans/loan-options';
import { ApplyForLoanForm } from '@/components/loans/loan-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { FilterField, FilterForm, FilterSelect, FilteredEmptyState, filterInputClass } from '@/components/ui/filter-form';
import { DataTable } from '@/components/ui/data-table';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { Pagination } from '@/components/ui/pagination';
import { queryObject } from '@/lib/api/form';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { applicantChoices, listLoans, LOAN_STATUSES } from '@/lib/loans';
import { listActiveGroupChoices } from '@/lib/groups';
import { formatVnd } from '@/lib/money';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('loans') };
}

/** Applications not yet lent: their amount is what was asked (or approved). */
const PENDING: string[] = ['APPLIED', 'APPRAISED', 'APPROVED'];

export default async function LoansPage({ searchParams }: { searchParams: Promise<Record<string, string>> }) {
  const actor = await requireActor();
  const query = queryObject(await searchParams);
  const t = await getTranslations();
  const { loans, total, page, pageSize, figuresAsOf } = await orNotFound(listLoans(actor, query));
  const programmes = await programmeOptions(actor);
  const groups = (await listActiveGroupChoices(actor)).map((g) => ({ value: g.id, label: `${g.code} · ${g.name}` }));
  const canApply = actorCan(actor, 'loan:apply') && actor.orgUnitLevel === 'COMMUNE';
  const applicants = canApply ? await applicantChoices(actor) : [];
  const statuses = LOAN_STATUSES.map((s) => ({ value: s, label: t(`loans.status.${s}`) }));
  const buckets = ['any', '1-90', '91-180', '181-360', '>360'].map((b) => ({ value: b, label: t(`loans.bucket.${b}`) }));

  return (
    <>
      <PageHeader title={t('nav.loans')} description={t('loans.page.description')} />
      <div className="grid gap-5">
        <Card title={t('loans.page.listTitle', { total })}>
          <FilterForm>
            <FilterField id="q" label={t('fields.q')}>
              <input id="q" name="q" defaultValue={query.q} className={filterInputClass} />
            </FilterField>
            <FilterSelect id="programmeId" name="programmeId" label={t('fields.programmeId')} value={query.programmeId} options={programmes} allLabel={t('common.all')} />
            <FilterSelect id="groupId" name="groupId" label={t('fields.groupId')} value={query.groupId} options={groups} allLabel={t('common.all')} />
            <FilterSelect id="status" name="status" label={t('loans.page.status')} value={query.status} options={statuses} allLabel={t('common.all')} />
            <FilterSelect id="overdue" name="overdue" label={t('loans.page.bucketLabel')} value={query.overdue} options={buckets} allLabel={t('common.all')} />
            <FilterField id="round" label={t('loans.page.round')}>
              <input id="round" name="round" type="number" min={1} defaultValue={query.round} className={`${filterInputClass} w-20`} />
            </FilterField>
          </FilterForm>
          {loans.length === 0 ? (
            <FilteredEmptyState query={query} path="/loans">
              <EmptyState action={!canApply ? t('loans.page.emptyReadOnly') : applicants.length > 0 ? t('loans.page.emptyAdd') : <>{t('loans.page.emptyNoMembers')} <Link href="/members" className="text-rose-800 underline">{t('loans.page.toMembers')}</Link></>}>{t('loans.page.empty')}</EmptyState>
            </FilteredEmptyState>
          ) : (
            <>
            {figuresAsOf && <p className="mb-2 text-sm text-slate-600" data-testid="figures-as-of">{t('loans.page.figuresAsOf', { date: formatDateOnly(figuresAsOf) })}</p>}
            <DataTable
              rows={loans}
              rowKey={(loan) => loan.id}
              columns={[
                { header: t('loans.page.number'), className: 'font-mono', cell: (loan) => <Link className="text-rose-800 underline-offset-2 hover:underline" href={`/loans/${loan.id}`}>{loan.number}</Link> },
                { header: t('loans.page.member'), cell: (loan) => <>{loan.member.fullName} <span className="text-slate-600">· {loan.group.code}</span></> },
                { header: t('loans.page.programme'), cell: (loan) => loan.programme.code },
                { header: t('loans.page.round'), numeric: true, cell: (loan) => loan.round },
                // An application not yet lent shows what was asked (or approved), not a zero balance.
                {
                  header: t('loans.page.outstanding'), numeric: true,
                  cell: (loan) => (PENDING.includes(loan.status) ? t('loans.page.askedAmount', { amount: formatVnd(loan.amountApproved ?? loan.amountRequested) }) : formatVnd(loan.cachedOutstanding)),
                },
                {
                  header: t('loans.page.overdue'),
                  numeric: true,
                  cell: (loan) => (loan.cachedOverdue > 0n ? <span className="text-red-800">{formatVnd(loan.cachedOverdue)} · {t('loans.page.daysShort', { days: loan.cachedDaysPastDue })}</span> : '—'),
                },
                { header: t('loans.page.status'), cell: (loan) => <Badge tone={loan.cachedDaysPastDue > 0 ? 'rose' : loan.status === 'DISBURSED' ? 'green' : 'slate'}>{t(`loans.status.${loan.status}`)}</Badge> },
              ]}
            />
            </>
          )}
          <Pagination path="/loans" query={query} page={page} total={total} pageSize={pageSize} />
        </Card>
        {canApply && applicants.length > 0 && (
          <Card title={t('loans.page.applyTitle')}>
            <ApplyForLoanForm
              members={applicants.map((m) => ({ value: m.id, label: `${m.fullName} · ${m.group?.code ?? ''} · ${m.nationalId}` }))}
              programmes={programmes}
            />
          </Card>
        )}
      </div>
    </>
  );
}
