import { getTranslations } from 'next-intl/server';
import {
  applyForLoanAction, appraiseAction, approveAction, disburseAction, disburseGroupAction, extendAction, freezeAction,
  rejectAction, repayAction, reverseAction, writeOffAction,
} from '@/app/(app)/loans/actions';
import type { Option } from '@/components/groups/group-options';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';

const today = () => isoDate(todayInVietnam());

export async function ApplyForLoanForm({ members, programmes }: { members: Option[]; programmes: Option[] }) {
  const t = await getTranslations();
  return (
    <ActionForm action={applyForLoanAction} submitLabel={t('loans.page.apply')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('fields.memberId')} name="memberId" options={members} />
        <SelectField label={t('fields.programmeId')} name="programmeId" options={programmes} />
        <TextField label={t('fields.amount')} name="amount" inputMode="numeric" placeholder="10.000.000" required />
        <TextField label={t('fields.termMonths')} name="termMonths" type="number" min={1} inputMode="numeric" defaultValue="12" required />
        <TextField label={t('fields.purpose')} name="purpose" required />
        <DateField label={t('fields.appliedAt')} name="appliedAt" defaultValue={today()} />
      </div>
    </ActionForm>
  );
}

function Checkbox({ name, label }: { name: string; label: string }) {
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" name={name} value="true" className="h-4 w-4" /> {label}
    </label>
  );
}

export async function AppraisalForm({ loanId, appraiser }: { loanId: string; appraiser: string }) {
  const t = await getTranslations();
  return (
    <ActionForm action={appraiseAction} submitLabel={t('loans.page.appraise')}>
      <input type="hidden" name="id" value={loanId} />
      <fieldset className="grid gap-2 sm:grid-cols-2">
        <legend className="sr-only">{t('loans.page.appraisalTitle')}</legend>
        {(['householdVisited', 'eligible', 'purposeFeasible', 'repaymentCapacity'] as const).map((name) => (
          <Checkbox key={name} name={name} label={t(`fields.${name}`)} />
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('fields.appraiserName')} name="appraiserName" defaultValue={appraiser} required />
        <DateField label={t('fields.appraisedAt')} name="appraisedAt" defaultValue={today()} required />
      </div>
      <TextField label={t('fields.notes')} name="notes" />
    </ActionForm>
  );
}

export async function DecisionForms({ loanId }: { loanId: string }) {
  const t = await getTranslations();
  return (
    <div className="space-y-5">
      <ActionForm action={approveAction} submitLabel={t('loans.page.approve')} confirm={t('loans.page.confirmApprove')}>
        <input type="hidden" name="id" value={loanId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('loans.page.approvedAmount')} name="amount" inputMode="numeric" />
          <DateField label={t('fields.decidedAt')} name="decidedAt" defaultValue={today()} required />
        </div>
      </ActionForm>
      <ActionForm action={rejectAction} submitLabel={t('loans.page.reject')} variant="danger" confirm={t('loans.page.confirmReject')}>
        <input type="hidden" name="id" value={loanId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('loans.page.reason')} name="reason" required />
          <DateField label={t('fields.decidedAt')} name="decidedAt" defaultValue={today()} required />
        </div>
      </ActionForm>
    </div>
  );
}

export async function DisburseForm({ loanId }: { loanId: string }) {
  const t = await getTranslations();
  return (
    <ActionForm action={disburseAction} submitLabel={t('loans.page.disburse')} confirm={t('loans.page.confirmDisburse')}>
      <input type="hidden" name="id" value={loanId} />
      <input type="hidden" name="idempotencyKey" value={`disburse-${loanId}`} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField label={t('fields.date')} name="date" defaultValue={today()} required />
        <TextField label={t('fields.amount')} name="amount" inputMode="numeric" />
      </div>
    </ActionForm>
  );
}

export async function RepaymentForm({ loanId, formKey }: { loanId: string; formKey: string }) {
  const t = await getTranslations();
  return (
    <ActionForm action={repayAction} submitLabel={t('loans.page.repay')} resetOnSuccess>
      <input type="hidden" name="id" value={loanId} />
      {/* One key per rendered form: a double click or a retry posts once. */}
      <input type="hidden" name="idempotencyKey" value={formKey} />
      <div className="grid gap-3 sm:grid-cols-2">
        <DateField label={t('fields.date')} name="date" defaultValue={today()} required />
        <TextField label={t('fields.amount')} name="amount" inputMode="numeric" required />
      </div>
    </ActionForm>
  );
}

export async function ReversalForm({ loanId, transactions }: { loanId: string; transactions: Option[] }) {
  const t = await getTranslations();
  return (
    <ActionForm action={reverseAction} submitLabel={t('loans.page.reverse')} variant="danger" confirm={t('loans.page.confirmReverse')}>
      <input type="hidden" name="id" value={loanId} />
      <SelectField label={t('fields.transactionId')} name="transactionId" options={[{ value: '', label: t('loans.page.chooseTransaction') }, ...transactions]} />
      <TextField label={t('fields.reason')} name="reason" required />
    </ActionForm>
  );
}

async function DecisionFields() {
  const t = await getTranslations();
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <TextField label={t('fields.decisionNo')} name="decisionNo" required />
      <DateField label={t('fields.decisionDate')} name="decisionDate" defaultValue={today()} required />
      <TextField label={t('fields.approver')} name="approver" required />
    </div>
  );
}

export async function RiskForms({ loanId }: { loanId: string }) {
  const t = await getTranslations();
  return (
    <div className="space-y-5">
      <ActionForm action={extendAction} submitLabel={t('loans.page.extend')} variant="secondary">
        <input type="hidden" name="id" value={loanId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label={t('fields.instalmentNo')} name="instalmentNo" type="number" min={1} required />
          <DateField label={t('fields.newDueDate')} name="newDueDate" required />
        </div>
        <DecisionFields />
      </ActionForm>
      {([['freeze', freezeAction], ['writeOff', writeOffAction]] as const).map(([key, action]) => (
        <ActionForm key={key} action={action} submitLabel={t(`loans.page.${key}`)} variant="danger" confirm={t('loans.page.confirmDecision')}>
          <fieldset className="space-y-3">
            <legend className="text-sm font-semibold">{t(`loans.page.${key}`)}</legend>
            <input type="hidden" name="id" value={loanId} />
            <DateField label={t('fields.date')} name="date" defaultValue={today()} required />
            <DecisionFields />
          </fieldset>
        </ActionForm>
      ))}
    </div>
  );
}

export async function DisburseGroupForm({ groupId, count }: { groupId: string; count: number }) {
  const t = await getTranslations();
  return (
    <ActionForm action={disburseGroupAction} submitLabel={t('loans.page.disburse')}>
      <p className="text-sm text-slate-600">{t('loans.page.batchHelp', { count })}</p>
      <input type="hidden" name="groupId" value={groupId} />
      <DateField label={t('fields.date')} name="date" defaultValue={today()} required />
    </ActionForm>
  );
}
