import { getTranslations } from 'next-intl/server';
import { recordConsentAction } from '@/app/(app)/members/actions';
import { ActionForm } from '@/components/ui/action-form';
import { Badge, Card } from '@/components/ui/card';
import { DateField, SelectField, TextField } from '@/components/ui/fields';
import type { Actor } from '@/lib/auth/actor';
import { actorCan } from '@/lib/auth/actor';
import { formatDateOnly, isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { CONSENT_ACTIONS, CONSENT_METHODS, CONSENT_PURPOSES, listConsents } from '@/lib/members/consent';

/**
 * A member's consents (decision 024): the current state of each purpose and what it gates, the
 * history, and for officers (register:write) the form recording a signed form or a withdrawal (not
 * once her record is anonymised).
 */
export async function ConsentCard({ actor, memberId, closed = false }: { actor: Actor; memberId: string; closed?: boolean }) {
  const t = await getTranslations('members.consent');
  const { current, history } = await listConsents(actor, memberId);
  return (
    <Card title={t('title')}>
      <ul className="space-y-2 text-sm" data-testid="consent-current">
        {CONSENT_PURPOSES.map((purpose) => {
          const record = current[purpose];
          return (
            <li key={purpose}>
              <span className="font-medium">{t(`purpose.${purpose}`)}</span>{' '}
              {record ? (
                <Badge tone={record.action === 'GIVEN' ? 'green' : 'amber'}>{t(`state.${record.action}`, { date: formatDateOnly(record.date) })}</Badge>
              ) : (
                <Badge tone="rose">{t('state.NONE')}</Badge>
              )}
              <span className="block text-xs text-slate-600">{t(`gates.${purpose}`)}</span>
            </li>
          );
        })}
      </ul>
      <p className="mt-2 text-xs text-slate-600">{t('withdrawNote')}</p>
      <h3 className="mt-4 text-sm font-semibold text-slate-800">{t('history')}</h3>
      {history.length === 0 ? (
        <p className="text-sm text-slate-600">{t('historyEmpty')}</p>
      ) : (
        <ol className="mt-1 space-y-1 text-sm" data-testid="consent-history">
          {history.map((r) => (
            <li key={r.id}>
              {t('historyLine', {
                date: formatDateOnly(r.date), purpose: t(`purposeShort.${r.purpose}`), action: t(`action.${r.action}`), method: t(`method.${r.method}`),
                reference: r.reference, recordedBy: r.recordedBy.fullName,
              })}
            </li>
          ))}
        </ol>
      )}
      {actorCan(actor, 'register:write') && !closed && (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium text-rose-800">{t('recordTitle')}</summary>
          <p className="mt-2 text-xs text-slate-600">{t('lawNote')}</p>
          <ActionForm action={recordConsentAction} submitLabel={t('record')} className="mt-2 space-y-3" resetOnSuccess>
            <input type="hidden" name="id" value={memberId} />
            <div className="grid gap-3 sm:grid-cols-2">
              <SelectField label={t('purposeLabel')} name="purpose" options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`purpose.${p}`) }))} />
              <SelectField label={t('actionLabel')} name="consentAction" options={CONSENT_ACTIONS.map((a) => ({ value: a, label: t(`action.${a}`) }))} />
              <DateField label={t('dateLabel')} name="date" defaultValue={isoDate(todayInVietnam())} required />
              <SelectField label={t('methodLabel')} name="consentMethod" options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
              <TextField label={t('referenceLabel')} name="reference" required maxLength={60} autoComplete="off" />
            </div>
          </ActionForm>
        </details>
      )}
    </Card>
  );
}
