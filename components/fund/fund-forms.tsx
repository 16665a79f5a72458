import { getTranslations } from 'next-intl/server';
import {
  allocationAction, allowanceRuleAction, closeSettlementAction, decideSettlementAction, requestSettlementAction, settlementTransferAction,
} from '@/app/(app)/fund/actions';
import type { Option } from '@/components/groups/group-options';
import { ActionForm } from '@/components/ui/action-form';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';

const today = () => isoDate(todayInVietnam());

export async function AllocationForm({ communes }: { communes: Option[] }) {
  const t = await getTranslations('fund.page');
  return (
    <ActionForm action={allocationAction} submitLabel={t('post')} resetOnSuccess>
      <input type="hidden" name="idempotencyKey" value={crypto.randomUUID()} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('commune')} name="orgUnitId" options={communes} />
        <SelectField label={t('movement')} name="kind" options={[{ value: 'ALLOCATE', label: t('kinds.ALLOCATE') }, { value: 'RETURN', label: t('kinds.RETURN') }]} />
        <DateField label={t('date')} name="date" defaultValue={today()} required />
        <TextField label={t('amount')} name="amount" inputMode="numeric" required placeholder="10.000.000" />
        <TextField label={t('decisionNo')} name="decisionNo" />
        <TextField label={t('note')} name="note" />
      </div>
    </ActionForm>
  );
}

export async function AllowanceRuleForm() {
  const t = await getTranslations('fund.rules');
  return (
    <ActionForm action={allowanceRuleAction} submitLabel={t('add')} resetOnSuccess>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('effectiveMonth')} name="effectiveMonth" type="month" required />
        <TextField label={t('allowance')} name="allowance" inputMode="decimal" defaultValue="50" required hint={t('allowanceHint')} />
        <TextField label={t('groupOfficers')} name="groupOfficers" inputMode="decimal" required hint={t('groupOfficersHint')} />
        <TextField label={t('fullFromMembers')} name="fullFromMembers" type="number" min={0} defaultValue={10} required />
        <TextField label={t('reducedFromMembers')} name="reducedFromMembers" type="number" min={0} defaultValue={5} required />
        <TextField label={t('reducedPct')} name="reducedPct" type="number" min={0} max={100} defaultValue={50} required />
      </div>
    </ActionForm>
  );
}

export async function RequestSettlementForm({ communes }: { communes: Option[] }) {
  const t = await getTranslations('fund.settlement');
  return (
    <ActionForm action={requestSettlementAction} submitLabel={t('request')}>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('commune')} name="orgUnitId" options={communes} />
        <DateField label={t('requestDate')} name="requestDate" defaultValue={today()} required />
        <TextField label={t('documentRef')} name="documentRef" required hint={t('documentHint')} />
        <TextField label={t('reason')} name="reason" required />
      </div>
    </ActionForm>
  );
}

export async function DecideSettlementForm({ id }: { id: string }) {
  const t = await getTranslations('fund.settlement');
  return (
    <ActionForm action={decideSettlementAction} submitLabel={t('decide')} confirm={t('confirmDecide')}>
      <input type="hidden" name="id" value={id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('decision')} name="decision" options={[{ value: 'approve', label: t('approve') }, { value: 'reject', label: t('reject') }]} />
        <DateField label={t('decisionDate')} name="date" defaultValue={today()} required />
        <TextField label={t('note')} name="note" />
      </div>
    </ActionForm>
  );
}

export async function SettlementTransferForm({ id, members, groups }: { id: string; members: Option[]; groups: Option[] }) {
  const t = await getTranslations('fund.settlement');
  return (
    <ActionForm action={settlementTransferAction} submitLabel={t('transfer')} variant="secondary" confirm={t('confirmTransfer')}>
      <p className="text-sm text-slate-600">{t('transferHelp')}</p>
      <input type="hidden" name="id" value={id} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label={t('member')} name="memberId" options={members} />
        <SelectField label={t('targetGroup')} name="groupId" options={groups} />
        <DateField label={t('transferDate')} name="date" defaultValue={today()} required />
      </div>
    </ActionForm>
  );
}

export async function CloseSettlementForm({ id }: { id: string }) {
  const t = await getTranslations('fund.settlement');
  return (
    <ActionForm action={closeSettlementAction} submitLabel={t('close')} variant="danger" confirm={t('confirmClose')}>
      <p className="text-sm text-slate-600">{t('closeHelp')}</p>
      <input type="hidden" name="id" value={id} />
      <DateField label={t('closeDate')} name="date" defaultValue={today()} required />
    </ActionForm>
  );
}
