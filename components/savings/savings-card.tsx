import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { openAccountAction, savingsMovementAction } from '@/app/(app)/savings/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/card';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { formatVnd } from '@/lib/money';
import { listActiveSchemes, listMemberAccounts } from '@/lib/savings';

/** A member's savings accounts with balances, and the forms to open one, deposit and withdraw. */
export async function SavingsCard({ actor, memberId, active }: { actor: Actor; memberId: string; active: boolean }) {
  const t = await getTranslations();
  const accounts = await listMemberAccounts(actor, memberId);
  const mayPost = actorCan(actor, 'savings:post') && active;
  const schemes = mayPost ? (await listActiveSchemes(actor)).filter((s) => !accounts.some((a) => a.schemeId === s.id)) : [];
  const today = isoDate(todayInVietnam());
  return (
    <Card title={t('savings.page.title')}>
      {accounts.length === 0 && <p className="text-sm text-slate-600">{t('savings.page.none')}</p>}
      <ul className="space-y-4" data-testid="savings-accounts">
        {accounts.map((a) => (
          <li key={a.id} className="space-y-2">
            <p className="text-sm">
              <span className="font-medium">{a.scheme.name}</span> · {t('savings.page.balance', { amount: formatVnd(a.balance) })}
              <span className="block text-xs text-slate-600">{t('savings.page.limits', { min: formatVnd(a.scheme.minMonthlyDeposit), max: formatVnd(a.scheme.maxMonthlyDeposit) })}</span>
            </p>
            {mayPost && (
              <ActionForm action={savingsMovementAction} submitLabel={t('savings.page.post')} className="flex flex-wrap items-end gap-2" resetOnSuccess>
                <input type="hidden" name="accountId" value={a.id} />
                <input type="hidden" name="memberId" value={memberId} />
                <input type="hidden" name="idempotencyKey" value={randomUUID()} />
                <SelectField label={t('loans.page.kind')} name="kind" options={[{ value: 'DEPOSIT', label: t('savings.kind.DEPOSIT') }, ...(a.scheme.withdrawalsAllowed ? [{ value: 'WITHDRAWAL', label: t('savings.kind.WITHDRAWAL') }] : [])]} />
                <DateField label={t('fields.date')} name="date" defaultValue={today} required />
                <TextField label={t('fields.amount')} name="amount" inputMode="numeric" required />
                {a.scheme.withdrawalsAllowed && a.scheme.noticeDays > 0 && <DateField label={t('savings.page.noticeDate')} name="noticeDate" />}
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {mayPost && schemes.length > 0 && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('savings.page.open')}</summary>
          <ActionForm action={openAccountAction} submitLabel={t('savings.page.open')} className="mt-2 space-y-3">
            <input type="hidden" name="memberId" value={memberId} />
            <SelectField label={t('fields.schemeId')} name="schemeId" options={schemes.map((s) => ({ value: s.id, label: s.name }))} />
            <DateField label={t('fields.openedAt')} name="openedAt" defaultValue={today} />
          </ActionForm>
        </details>
      )}
    </Card>
  );
}
