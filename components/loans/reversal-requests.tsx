import { getTranslations } from 'next-intl/server';
import { decideReversalAction, requestReversalAction } from '@/app/(app)/loans/actions';
import type { Option } from '@/components/groups/group-options';
import { ActionForm } from '@/components/ui/action-form';
import { Badge } from '@/components/ui/card';
import { SelectField, TextField } from '@/components/ui/fields';
import { formatDateOnly } from '@/lib/calendar/date-only';
import type { listReversalRequests } from '@/lib/loans';
import { formatVnd } from '@/lib/money';

type Request = Awaited<ReturnType<typeof listReversalRequests>>[number];

/** A commune officer asks for a wrong posting to be reversed (a leader decides). */
export async function RequestReversalForm({ loanId, transactions }: { loanId: string; transactions: Option[] }) {
  const t = await getTranslations('loans.page');
  const fields = await getTranslations('fields');
  return (
    <>
      <p className="mb-3 text-sm text-slate-700">{t('requestReversalHelp')}</p>
      <ActionForm action={requestReversalAction} submitLabel={t('requestReversal')} resetOnSuccess>
        <input type="hidden" name="id" value={loanId} />
        <SelectField label={fields('transactionId')} name="transactionId" options={[{ value: '', label: t('chooseTransaction') }, ...transactions]} />
        <TextField label={fields('reason')} name="reason" required />
      </ActionForm>
    </>
  );
}

/** The loan's reversal requests with their status; a leader who did not ask decides the pending ones here. */
export async function ReversalRequests({ loanId, requests, mayDecide, userId }: { loanId: string; requests: Request[]; mayDecide: boolean; userId: string }) {
  const t = await getTranslations('loans');
  return (
    <ul className="divide-y divide-slate-100 text-sm" data-testid="reversal-requests">
      {requests.map((r) => (
        <li key={r.id} className="space-y-2 py-2">
          <p>
            <Badge tone={r.status === 'PENDING' ? 'amber' : r.status === 'APPROVED' ? 'green' : 'slate'}>{t(`page.reversalStatus.${r.status}`)}</Badge>{' '}
            {t('page.reversalRequestLine', {
              date: formatDateOnly(r.transaction.date), kind: t(`kind.${r.transaction.kind}`), amount: formatVnd(r.transaction.amount), reason: r.reason, by: r.requestedBy.fullName,
            })}
            {r.decisionNote && <span className="block text-xs text-slate-600">{r.decidedBy?.fullName}: {r.decisionNote}</span>}
          </p>
          {mayDecide && r.status === 'PENDING' && r.requestedById !== userId && (
            <div className="grid gap-2 sm:grid-cols-2">
              <ActionForm action={decideReversalAction} submitLabel={t('page.approveReversal')} variant="danger" confirm={t('page.confirmApproveReversal')}>
                <input type="hidden" name="id" value={loanId} />
                <input type="hidden" name="requestId" value={r.id} />
                <input type="hidden" name="approve" value="1" />
              </ActionForm>
              <ActionForm action={decideReversalAction} submitLabel={t('page.rejectReversal')} variant="secondary">
                <input type="hidden" name="id" value={loanId} />
                <input type="hidden" name="requestId" value={r.id} />
                <input type="hidden" name="approve" value="0" />
                <TextField label={t('page.decisionNote')} name="note" />
              </ActionForm>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
