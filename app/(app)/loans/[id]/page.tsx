import { actorCan } from '@/lib/auth/actor';
import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AppraisalForm, DecisionForms, DisburseForm, RepaymentForm, ReversalForm, RiskForms } from '@/components/loans/loan-forms';
import { LoanSchedule } from '@/components/loans/loan-schedule';
import { RequestReversalForm, ReversalRequests } from '@/components/loans/reversal-requests';
import { BorrowerFile } from '@/components/loans/borrower-file';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { filterInputClass } from '@/components/ui/filter-form';
import { buttonClass } from '@/components/ui/button';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { borrowerFile, getLoan, listReversalRequests } from '@/lib/loans';
import { needsAppraisal } from '@/lib/loans/decide-loan';
import { payableOn } from '@/lib/loans/engine/ledger';
import { ppmToPercent, percentToPpm } from '@/lib/loans/engine/terms';
import { formatVnd } from '@/lib/money';
import { DateInput } from '@/components/ui/date-input';

export default async function LoanPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ asOf?: string }> }) {
  const { id } = await params;
  const asOf = parseDateOnly((await searchParams).asOf ?? '') ?? todayInVietnam();
  const actor = await requireActor();
  const t = await getTranslations();
  const { loan, state, schedule, bucket } = await orNotFound(getLoan(actor, id, asOf));
  const open = ['APPLIED', 'APPRAISED'].includes(loan.status);
  const active = ['DISBURSED', 'FROZEN'].includes(loan.status);
  const mayApply = actorCan(actor, 'loan:apply');
  const mayDecide = actorCan(actor, 'loan:approve') && loan.appliedById !== actor.userId;
  const mayRisk = actorCan(actor, 'loan:risk');
  const payable = state ? payableOn(state) : 0n;
  const reversible = loan.transactions.filter((tx) => !tx.reversedAt);
  const [reversalRequests, file] = await Promise.all([
    listReversalRequests(actor, { status: 'ALL', loanId: loan.id }),
    loan.disbursedAt ? Promise.resolve(null) : borrowerFile(actor, loan),
  ]);
  const pendingIds = new Set(reversalRequests.filter((r) => r.status === 'PENDING').map((r) => r.transactionId));
  const transactionOption = (tx: (typeof reversible)[number]) => ({ value: tx.id, label: `${formatDateOnly(tx.date)} · ${t(`loans.kind.${tx.kind}`)} · ${formatVnd(tx.amount)}` });
  const rates = loan.programme.rates.map((r) => `${t('loans.page.percentMonth', { rate: ppmToPercent(percentToPpm(r.monthlyRate.toString())) })} (${formatDateOnly(r.effectiveFrom)})`).join('; ');
  const row = (label: string, value: string, testId?: string) => (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right tabular-nums" data-testid={testId}>{value}</dd>
    </>
  );

  return (
    <>
      <p className="mb-3 text-sm"><Link href="/loans" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('nav.loans')}</Link></p>
      <PageHeader
        title={`${loan.number}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Link className="text-rose-800 underline" href={`/members/${loan.member.id}`}>{loan.member.fullName}</Link>
            <span>· {loan.group.code} · {loan.programme.code} {loan.programme.name}</span>
            <Badge>{t('loans.page.roundLabel', { round: loan.round })}</Badge>
            <span data-testid="loan-status"><Badge tone={state && state.daysPastDue > 0 ? 'rose' : 'green'}>{t(`loans.status.${loan.status}`)}</Badge></span>
          </span>
        }
      />
      {loan.recallFlaggedAt && (
        <p role="alert" data-testid="recall-flag" className="mb-4 rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900">
          {t('inspections.detail.recallFlag', { number: loan.number, reason: loan.recallReason ?? '' })}
        </p>
      )}
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={state ? t('loans.page.balances', { date: formatDateOnly(asOf) }) : t('common.details')}>
          <dl className="grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 text-sm">
            {row(t('loans.page.requested'), formatVnd(loan.amountRequested))}
            {loan.amountApproved !== null && row(t('loans.page.approvedLabel'), formatVnd(loan.amountApproved))}
            {loan.amountDisbursed !== null && row(t('loans.page.disbursedLabel'), `${formatVnd(loan.amountDisbursed)} · ${formatDateOnly(loan.disbursedAt!)}`)}
            {row(t('fields.termMonths'), t('loans.page.term', { months: loan.termMonths }))}
            {state && row(t('loans.page.principalOutstanding'), formatVnd(state.outstandingPrincipal), 'outstanding')}
            {state && row(t('loans.page.overduePrincipal'), formatVnd(state.overduePrincipal), 'overdue-principal')}
            {state && row(t('loans.page.accruedInterest'), formatVnd(state.accruedInterest))}
            {state && row(t('loans.page.overdueInterest'), formatVnd(state.overdueInterest))}
            {state && row(t('loans.page.daysPastDue'), String(state.daysPastDue), 'days-past-due')}
            {bucket && row(t('loans.page.bucketLabel'), t(`loans.bucket.${bucket}`))}
          </dl>
          <p className="mt-2 text-xs text-slate-600">{t('loans.page.ratesLabel', { rates })}</p>
          {state && (
            <form method="get" className="mt-3 flex flex-wrap items-end gap-2">
              <label className="flex flex-col text-sm font-medium">{t('loans.page.asOf')}
                <DateInput name="asOf" defaultValue={isoDate(asOf)} className={filterInputClass} />
              </label>
              <button type="submit" className={buttonClass('secondary')}>{t('loans.page.show')}</button>
            </form>
          )}
        </Card>
        <div className="space-y-5">
          {/* Once saved, the appraisal is read in the borrower's file below; the form is for one not yet made. */}
          {open && mayApply && !loan.appraisal && (
            <Card title={t('loans.page.appraisalTitle')}>
              {needsAppraisal(loan) && <p className="mb-2 text-sm text-amber-900">{t('loans.page.appraisalRequired')}</p>}
              <AppraisalForm loanId={loan.id} appraiser={actor.fullName} />
            </Card>
          )}
          {open && mayDecide && <Card title={t('loans.page.decisionTitle')}><DecisionForms loanId={loan.id} /></Card>}
          {loan.status === 'APPROVED' && mayApply && <Card title={t('loans.page.disburseTitle')}><DisburseForm loanId={loan.id} /></Card>}
          {active && mayApply && state && (
            <Card title={t('loans.page.repayTitle')}>
              <p className="mb-2 text-sm">{t('loans.page.payableOn', { date: formatDateOnly(asOf), amount: formatVnd(payable) })}</p>
              <RepaymentForm loanId={loan.id} formKey={randomUUID()} />
            </Card>
          )}
          {!mayApply && !mayDecide && <p className="text-sm text-slate-600">{t('loans.page.readOnly')}</p>}
        </div>
      </div>
      {file && (
        <div className="mt-5">
          <BorrowerFile application={loan} file={file} />
        </div>
      )}
      {state && (
        <div className="mt-5">
          <Card title={t('loans.page.schedule')}><LoanSchedule schedule={schedule} instalments={state.instalments} asOf={asOf} /></Card>
        </div>
      )}
      <div className="mt-5 grid gap-5 lg:grid-cols-2">
        <Card title={t('loans.page.transactions')}>
          {loan.transactions.length === 0 ? <EmptyState>{t('loans.page.noTransactions')}</EmptyState> : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="loan-transactions">
              {loan.transactions.map((tx) => (
                <li key={tx.id} className={`py-2 ${tx.reversedAt ? 'text-slate-500 line-through' : ''}`}>
                  <span className="tabular-nums">{formatDateOnly(tx.date)}</span> · {t(`loans.kind.${tx.kind}`)}
                  {tx.amount > 0n && <> · <span className="tabular-nums">{formatVnd(tx.amount)}</span></>}
                  {tx.kind === 'REPAYMENT' && <span className="block text-xs text-slate-600">{t('loans.page.split')}: {formatVnd(tx.principal)} / {formatVnd(tx.interest)} / {formatVnd(tx.overdueInterest)}</span>}
                  {tx.decisionNo && <span className="block text-xs text-slate-600">{tx.decisionNo} · {tx.approver}</span>}
                  {tx.reversalReason && <span className="block text-xs no-underline">{t('loans.page.reversed', { reason: tx.reversalReason })}</span>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {reversalRequests.length > 0 && (
          <Card title={t('loans.page.reversalRequestsTitle')}>
            <ReversalRequests loanId={loan.id} requests={reversalRequests} mayDecide={mayRisk} userId={actor.userId} />
          </Card>
        )}
        {loan.disbursedAt && mayApply && !mayRisk && reversible.some((tx) => !pendingIds.has(tx.id)) && (
          <Card title={t('loans.page.requestReversalTitle')}>
            <RequestReversalForm loanId={loan.id} transactions={reversible.filter((tx) => !pendingIds.has(tx.id)).map(transactionOption)} />
          </Card>
        )}
        {loan.disbursedAt && mayRisk && (
          <div className="space-y-5">
            {reversible.length > 0 && (
              <Card title={t('loans.page.reverseTitle')}>
                <ReversalForm loanId={loan.id} transactions={reversible.map(transactionOption)} />
              </Card>
            )}
            {active && <Card title={t('loans.page.riskTitle')}><RiskForms loanId={loan.id} /></Card>}
          </div>
        )}
      </div>
    </>
  );
}
