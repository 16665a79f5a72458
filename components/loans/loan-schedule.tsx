import { getTranslations } from 'next-intl/server';
import { formatDateOnly } from '@/lib/calendar/date-only';
import type { InstalmentState } from '@/lib/loans/engine/ledger';
import type { ScheduledInstalment } from '@/lib/loans/engine/schedule';
import { formatVnd } from '@/lib/money';
import { ScrollBox } from '@/components/ui/scroll-box';

function statusOf(i: InstalmentState, asOf: Date): 'PAID' | 'OVERDUE' | 'DUE' | 'PARTIAL' | 'UPCOMING' {
  const principalOpen = i.principalPaid < i.principalDue;
  const interestOpen = i.interestDue !== null && i.interestPaid < i.interestDue;
  if (!principalOpen && !interestOpen && i.interestDue !== null) return 'PAID';
  if (i.dueDate < asOf && (principalOpen || interestOpen)) return 'OVERDUE';
  if (i.dueDate.getTime() === asOf.getTime()) return 'DUE';
  return i.principalPaid > 0n || i.interestPaid > 0n ? 'PARTIAL' : 'UPCOMING';
}

const TONE = { PAID: 'text-emerald-800', OVERDUE: 'font-medium text-red-800', DUE: 'font-medium text-amber-900', PARTIAL: 'text-amber-900', UPCOMING: 'text-slate-600' };

/** The schedule with, per instalment, what was due, what was paid, and where it stands. */
export async function LoanSchedule({ schedule, instalments, asOf }: { schedule: ScheduledInstalment[]; instalments: InstalmentState[]; asOf: Date }) {
  const t = await getTranslations('loans.page');
  return (
    <ScrollBox>
      <table className="w-full text-left text-sm" data-testid="loan-schedule">
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            <th scope="col" className="py-2 pr-3">#</th>
            <th scope="col" className="py-2 pr-3">{t('dueDate')}</th>
            <th scope="col" className="py-2 pr-3 text-right">{t('principal')}</th>
            <th scope="col" className="py-2 pr-3 text-right">{t('interest')}</th>
            <th scope="col" className="py-2 pr-3 text-right">{t('paid')}</th>
            <th scope="col" className="py-2">{t('status')}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {instalments.map((i) => {
            const status = statusOf(i, asOf);
            return (
              <tr key={i.no}>
                <td className="py-1.5 pr-3 tabular-nums">{i.no}</td>
                <td className="py-1.5 pr-3">{formatDateOnly(i.dueDate)}{i.dueDate.getTime() !== i.originalDueDate.getTime() && <span className="text-slate-600"> ({formatDateOnly(i.originalDueDate)})</span>}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatVnd(i.principalDue)}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatVnd(i.interestDue ?? schedule[i.no - 1]?.interest ?? 0n)}</td>
                <td className="whitespace-nowrap py-1.5 pr-3 text-right tabular-nums">{formatVnd(i.principalPaid)}</td>
                <td className={`py-1.5 ${TONE[status]}`}>{t(`instalmentStatus.${status}`)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollBox>
  );
}
