import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/ui/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { TextField } from '@/components/ui/fields';
import { orNotFound } from '@/lib/api/page';
import { actorCan } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { getReconciliation, type Reconciliation } from '@/lib/reconciliation';
import { markReconciledAction } from '../actions';

type Difference = Reconciliation['groups'][number]['differences'][number];
type Totals = Reconciliation['totals'];

const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;
const amount = (v: bigint | null) => (v === null ? '—' : formatVnd(v));

export default async function ReconciliationResultPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations('reconciliation');
  const result = await orNotFound(getReconciliation(actor, id));
  const { statement } = result;
  const link = 'font-medium text-rose-800 underline underline-offset-2';
  const figures = (totals: Totals) => [
    { key: 'outstanding', label: t('result.outstanding'), ...totals.outstanding, shown: true },
    { key: 'interest', label: t('result.interest'), ...totals.interest, shown: result.hasInterest },
    { key: 'savings', label: t('result.savings'), ...totals.savings, shown: result.hasSavings },
  ];
  return (
    <>
      <p className="mb-3 text-sm"><Link href="/reconciliation" className="text-slate-600 underline-offset-2 hover:underline">‹ {t('title')}</Link></p>
      <PageHeader
        title={t('result.title', { month: monthLabel(statement.month), commune: statement.commune.name })}
        description={t('result.source', { file: statement.fileName, rows: statement.rows, name: statement.uploadedBy ?? '', at: formatDateTime(statement.uploadedAt) })}
      />
      <div className="space-y-5">
        <Card title={t('result.totals')}>
          <p role="status" className={`mb-3 text-sm font-medium ${result.differenceCount ? 'text-amber-900' : 'text-emerald-800'}`} data-testid="difference-count">
            {result.differenceCount ? t('result.differences', { count: result.differenceCount }) : t('result.noDifferences')}
          </p>
          <DataTable
            testId="reconciliation-totals"
            rows={[...figures(result.totals), { key: 'borrowers', label: t('result.borrowers'), bank: result.totals.borrowers.bank, app: result.totals.borrowers.app, shown: true }]}
            rowKey={(r) => r.key}
            columns={[
              { header: '', cell: (r) => r.label },
              { header: t('result.bank'), numeric: true, cell: (r) => (!r.shown ? t('result.notInList') : typeof r.bank === 'number' ? String(r.bank) : formatVnd(r.bank)) },
              { header: t('result.app'), numeric: true, cell: (r) => (typeof r.app === 'number' ? String(r.app) : formatVnd(r.app)) },
              { header: t('result.difference'), numeric: true, cell: (r) => (!r.shown ? '' : typeof r.bank === 'number' ? String(r.bank - (r.app as number)) : formatVnd((r.bank as bigint) - (r.app as bigint))) },
            ]}
          />
        </Card>
        {result.groups.map(({ group, totals, differences }) => (
          <Card key={group?.id ?? 'none'} title={group ? <Link className={link} href={`/groups/${group.id}`}>{group.code} · {group.name}</Link> : t('result.noGroup')}>
            <DataTable<Difference | { total: true }>
              testId={`differences-${group?.code ?? 'none'}`}
              rows={differences}
              rowKey={(d) => ('kind' in d ? `${d.kind}-${d.rows.join()}-${d.loanIds.join()}-${d.memberId}` : 'total')}
              footer={{ total: true }}
              columns={[
                { header: t('result.what'), cell: (d) => ('kind' in d ? t(`result.kind.${d.kind}`) : t('result.totalsOf')) },
                {
                  header: t('result.borrower'),
                  cell: (d) => ('kind' in d ? <BorrowerCell d={d} rowsLabel={d.rows.length ? t('result.rowsOf', { rows: d.rows.join(', ') }) : ''} /> : t('result.outstanding')),
                },
                { header: t('result.bank'), numeric: true, cell: (d) => amount('kind' in d ? d.bank : totals.outstanding.bank) },
                { header: t('result.app'), numeric: true, cell: (d) => amount('kind' in d ? d.app : totals.outstanding.app) },
                {
                  header: t('result.difference'), numeric: true,
                  cell: (d) => {
                    const [bank, app] = 'kind' in d ? [d.bank, d.app] : [totals.outstanding.bank, totals.outstanding.app];
                    return amount((bank ?? 0n) - (app ?? 0n));
                  },
                },
              ]}
            />
          </Card>
        ))}
        {statement.reconciledAt ? (
          <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="reconciled">
            {t('result.reconciled', { name: statement.reconciledBy ?? '', at: formatDateTime(statement.reconciledAt) })}
            {statement.reconcileNote && <span className="mt-1 block">{t('result.reconciledNote', { note: statement.reconcileNote })}</span>}
          </p>
        ) : actorCan(actor, 'reconcile:run') ? (
          <Card title={t('result.markTitle')}>
            <ActionForm action={markReconciledAction} submitLabel={t('result.mark')} confirm={t('result.markConfirm', { month: monthLabel(statement.month) })}>
              <input type="hidden" name="id" value={statement.id} />
              <TextField label={t('result.note')} name="note" maxLength={1000} />
            </ActionForm>
          </Card>
        ) : null}
      </div>
    </>
  );
}

function BorrowerCell({ d, rowsLabel }: { d: Difference; rowsLabel: string }) {
  const link = 'text-rose-800 underline underline-offset-2';
  const name = d.memberId ? <Link className={link} href={`/members/${d.memberId}`}>{d.label.split(' · ')[0]}</Link> : d.label;
  return (
    <>
      {name}
      {d.loans.map((l) => <span key={l.id}> · <Link className={`${link} font-mono text-xs`} href={`/loans/${l.id}`}>{l.number}</Link></span>)}
      {rowsLabel && <span className="block text-xs text-slate-600">{rowsLabel}</span>}
    </>
  );
}
