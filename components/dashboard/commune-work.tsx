import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/card';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { formatVnd } from '@/lib/money';
import type { communeWork } from '@/lib/reports/dashboard';

/** A commune officer's list for today: what to do, each line a link to where it is done. */
export async function CommuneWorkPanel({ work }: { work: Awaited<ReturnType<typeof communeWork>> }) {
  const t = await getTranslations('dashboard.work');
  const monthText = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;
  return (
    <div className="mb-4">
      <Card title={t('title', { date: formatDateOnly(work.today) })}>
        <div className="grid gap-4 text-sm md:grid-cols-2" data-testid="commune-work">
          <section aria-labelledby="work-meetings">
            <h3 id="work-meetings" className="font-semibold">{t('meetings', { count: work.meetings.length })}</h3>
            {work.meetings.length === 0 ? <p className="text-slate-600">{t('noMeetings')}</p> : (
              <ul className="mt-1 space-y-1">
                {work.meetings.map((m) => (
                  <li key={m.group.id}>{formatDateOnly(m.date)} · <Link className="text-rose-800 underline" href={`/groups/${m.group.id}/sheet`}>{m.group.code} {m.group.name}</Link></li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="work-sheets">
            <h3 id="work-sheets" className="font-semibold">{t('sheetsDue', { count: work.sheetsDue.length })}</h3>
            {work.sheetsDue.length === 0 ? <p className="text-slate-600">{t('noSheets')}</p> : (
              <ul className="mt-1 space-y-1">
                {work.sheetsDue.slice(0, 10).map((s) => (
                  <li key={`${s.group.id}:${s.month}`}><Link className="text-rose-800 underline" href={`/groups/${s.group.id}/sheet?month=${s.month}`}>{t('sheetLine', { group: s.group.code, month: monthText(s.month) })}</Link></li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="work-loans">
            <h3 id="work-loans" className="font-semibold">{t('loansTitle')}</h3>
            <ul className="mt-1 space-y-1">
              <li><Link className="text-rose-800 underline" href="/loans?status=APPLIED">{t('applied', { count: work.applications.applied })}</Link></li>
              <li><Link className="text-rose-800 underline" href="/loans?status=APPRAISED">{t('appraised', { count: work.applications.appraised })}</Link></li>
              <li><Link className="text-rose-800 underline" href="/loans?status=APPROVED">{t('approved', { count: work.applications.approved })}</Link></li>
              <li><Link className="text-rose-800 underline" href="/loans?overdue=any">{t('overdue', { count: work.overdue.loans, amount: formatVnd(work.overdue.amount) })}</Link>{work.overdue.asOf && <span className="text-slate-600"> · {t('overdueAsOf', { date: formatDateOnly(work.overdue.asOf) })}</span>}</li>
            </ul>
          </section>
          <section aria-labelledby="work-followups">
            <h3 id="work-followups" className="font-semibold">{t('followUps', { count: work.followUps.length })}</h3>
            {work.followUps.length === 0 ? <p className="text-slate-600">{t('noFollowUps')}</p> : (
              <ul className="mt-1 space-y-1">
                {work.followUps.map((f) => (
                  <li key={f.id} className={f.late ? 'text-red-700' : ''}><Link className="underline" href="/inspections">{f.action}</Link> · {f.owner} · {formatDateOnly(f.dueDate)}</li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </Card>
    </div>
  );
}
