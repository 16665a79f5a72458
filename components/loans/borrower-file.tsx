import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Badge, Card } from '@/components/ui/card';
import { formatDateOnly } from '@/lib/calendar/date-only';
import type { borrowerFile } from '@/lib/loans';
import { formatVnd } from '@/lib/money';

type File = Awaited<ReturnType<typeof borrowerFile>>;

interface Application {
  purpose: string;
  appliedAt: Date;
  appraisal: {
    householdVisited: boolean; eligible: boolean; purposeFeasible: boolean; repaymentCapacity: boolean;
    appraiserName: string; appraisedAt: Date; notes: string | null;
  } | null;
}

/** The approver's file: the application and its appraisal, the member's other loans, savings and group. */
export async function BorrowerFile({ application, file }: { application: Application; file: File }) {
  const t = await getTranslations();
  const p = (key: string, values?: Record<string, string | number>) => t(`loans.page.${key}`, values);
  const checks = ['householdVisited', 'eligible', 'purposeFeasible', 'repaymentCapacity'] as const;
  return (
    <Card title={p('borrowerFile')}>
      <div className="space-y-4 text-sm" data-testid="borrower-file">
        <section aria-label={p('application')}>
          <h3 className="font-semibold">{p('application')}</h3>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-600">{p('purpose')}</dt><dd>{application.purpose}</dd>
            <dt className="text-slate-600">{p('appliedOn')}</dt><dd>{formatDateOnly(application.appliedAt)}</dd>
            {file.appliedBy && <><dt className="text-slate-600">{p('appliedBy')}</dt><dd>{file.appliedBy}</dd></>}
          </dl>
        </section>
        {application.appraisal && (
          <section aria-label={p('appraisalSaved')} data-testid="appraisal-saved">
            <h3 className="font-semibold">{p('appraisalSaved')}</h3>
            <ul className="mt-1 grid gap-1 sm:grid-cols-2">
              {checks.map((c) => (
                <li key={c}>
                  <Badge tone={application.appraisal![c] ? 'green' : 'rose'}>{application.appraisal![c] ? p('checkYes') : p('checkNo')}</Badge> {t(`fields.${c}`)}
                </li>
              ))}
            </ul>
            <p className="mt-1 text-slate-700">{p('appraisalBy', { name: application.appraisal.appraiserName, date: formatDateOnly(application.appraisal.appraisedAt) })}</p>
            {application.appraisal.notes && <p className="text-slate-700">{application.appraisal.notes}</p>}
          </section>
        )}
        <section aria-label={p('otherLoans')}>
          <h3 className="font-semibold">{p('otherLoans')}</h3>
          {file.loans.length === 0 ? <p className="text-slate-600">{p('noOtherLoans')}</p> : (
            <ul className="mt-1 space-y-1" data-testid="other-loans">
              {file.loans.map((l) => (
                <li key={l.id}>
                  <Link href={`/loans/${l.id}`} className="font-mono text-rose-800 underline">{l.number}</Link>{' '}
                  {p('loanLine', {
                    round: l.round, programme: l.programme.code, amount: formatVnd(l.amountDisbursed ?? l.amountRequested), status: t(`loans.status.${l.status}`),
                    outstanding: formatVnd(l.cachedOutstanding), repayments: l.repayments,
                  })}
                  {l.cachedDaysPastDue > 0 && <> · <Badge tone="rose">{p('overdueDays', { days: l.cachedDaysPastDue })}</Badge></>}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label={p('savingsTitle')}>
          <h3 className="font-semibold">{p('savingsTitle')}</h3>
          {file.savings.length === 0 ? <p className="text-slate-600">{p('noSavings')}</p> : (
            <ul className="mt-1">{file.savings.map((s) => <li key={s.id}>{s.scheme}: <span className="tabular-nums">{formatVnd(s.balance)}</span></li>)}</ul>
          )}
        </section>
        {file.group && (
          <section aria-label={file.group.code}>
            <p>{p('groupLine', { code: file.group.code, name: file.group.name, status: t(`registers.groupStatus.${file.group.status}`), members: file.group.members })}</p>
            <p className="text-slate-700">{file.rating ? p('groupRating', { year: file.rating.year, grade: t(`groups.rating.grade.${file.rating.grade}`), total: file.rating.total }) : p('groupNotRated')}</p>
          </section>
        )}
      </div>
    </Card>
  );
}
