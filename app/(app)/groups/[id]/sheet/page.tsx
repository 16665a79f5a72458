import { actorCan } from '@/lib/auth/actor';
import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/collections/print-button';
import { PrintedSheet } from '@/components/collections/printed-sheet';
import { SheetForm } from '@/components/collections/sheet-form';
import { SheetUpload } from '@/components/collections/sheet-upload';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/card';
import { filterInputClass } from '@/components/ui/filter-form';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { collectionSheetLines } from '@/lib/collections';
import { formatDateTime } from '@/lib/i18n/format';
import { formatVnd } from '@/lib/money';
import { ScrollBox } from '@/components/ui/scroll-box';

export default async function CollectionSheetPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ month?: string }> }) {
  const { id } = await params;
  const requested = (await searchParams).month;
  const actor = await requireActor();
  const t = await getTranslations();
  // Without a month (or with a malformed one) the sheet of the group's latest meeting.
  const { sheet, header, lines } = await orNotFound(collectionSheetLines(actor, id, requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : undefined));
  const { month } = sheet;
  const editable = !sheet.saved && !sheet.upcoming && actorCan(actor, 'loan:apply') && actorCan(actor, 'savings:post');
  const cell = 'border border-slate-300 px-2 py-1';
  return (
    <>
      <style>{'@media print { @page { size: A4 landscape; margin: 10mm } aside, header, .no-print { display: none !important } }'}</style>
      {!sheet.upcoming && <PrintedSheet header={header} lines={lines} />}
      <div className="print:hidden">
        <p className="no-print mb-3 text-sm">
          <Link href={`/groups/${sheet.group.id}`} className="text-slate-600 underline-offset-2 hover:underline">‹ {sheet.group.code} · {sheet.group.name}</Link>
        </p>
        <PageHeader
          title={t('sheets.page.title', { month: `${month.slice(5)}/${month.slice(0, 4)}` })}
          description={t('sheets.page.description', { code: sheet.group.code, date: formatDateOnly(sheet.date) })}
          actions={
            <span className="no-print flex gap-2">
              <a className={buttonClass('secondary')} href={`/api/v1/groups/${sheet.group.id}/collection-sheet/xlsx?month=${month}`} download>XLSX</a>
              <PrintButton />
            </span>
          }
        />
        <form method="get" className="no-print mb-4 flex items-end gap-2">
          <label className="flex flex-col text-sm font-medium">{t('sheets.page.month')}
            <input type="month" name="month" defaultValue={month} className={filterInputClass} />
          </label>
          <button type="submit" className={buttonClass('secondary')}>{t('sheets.page.show')}</button>
        </form>
        {sheet.upcoming && (
          <p role="status" className="no-print mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="sheet-upcoming">
            {t('sheets.page.upcoming', { date: formatDateOnly(sheet.date) })}{' '}
            <Link href={`/groups/${sheet.group.id}/sheet?month=${sheet.latestMonth}`} className="font-medium underline">
              {t('sheets.page.latest', { month: `${sheet.latestMonth.slice(5)}/${sheet.latestMonth.slice(0, 4)}` })}
            </Link>
          </p>
        )}
        {editable ? (
          <SheetForm
            groupId={sheet.group.id}
            groupLabel={`${sheet.group.code} · ${sheet.group.name}`}
            month={month}
            formKey={randomUUID()}
            rows={sheet.rows.map((r) => ({
              memberId: r.member.id,
              name: r.member.fullName,
              loans: r.loans.map((l) => ({
                loanId: l.loanId, number: l.number, interestDue: l.interestDue.toString(), principalDue: l.principalDue.toString(),
                overdue: l.overdue.toString(), due: l.due.toString(),
              })),
              savings: r.savings.map((s) => ({ accountId: s.accountId, scheme: s.scheme, expected: s.expected.toString() })),
            }))}
          />
        ) : (
          <ScrollBox>
            {sheet.saved && <p className="no-print mb-2 text-sm text-emerald-900" role="status">{t(actorCan(actor, 'loan:risk') ? 'sheets.page.savedOnLeader' : 'sheets.page.savedOn', { at: formatDateTime(sheet.saved.savedAt) })}</p>}
            <table className="w-full border-collapse text-sm" data-testid="sheet">
              <thead className="bg-slate-100">
                <tr>
                  <th scope="col" className={cell}>#</th>
                  <th scope="col" className={cell}>{t('sheets.page.member')}</th>
                  <th scope="col" className={cell}>{t('sheets.page.attended')}</th>
                  <th scope="col" className={cell}>{t('sheets.page.collectedLoan')}</th>
                  <th scope="col" className={cell}>{t('sheets.page.collectedSaving')}</th>
                </tr>
              </thead>
              <tbody>
                {sheet.rows.map((r, i) => (
                  <tr key={r.member.id}>
                    <td className={cell}>{i + 1}</td>
                    <td className={cell}>{r.member.fullName}</td>
                    <td className={`${cell} text-center`}>{r.saved ? (r.saved.attended ? '✓' : '') : ''}</td>
                    <td className={`${cell} text-right tabular-nums`}>{formatVnd(r.saved?.loanPaid ?? r.loans.reduce((s, l) => s + l.due, 0n))}</td>
                    <td className={`${cell} text-right tabular-nums`}>{formatVnd(r.saved?.savingsPaid ?? r.savings.reduce((s, a) => s + a.expected, 0n))}</td>
                  </tr>
                ))}
                {sheet.saved && (
                  <tr className="font-semibold">
                    <td className={cell} colSpan={3}>{t('sheets.page.total')}</td>
                    <td className={`${cell} text-right tabular-nums`} data-testid="total-loans">{formatVnd(sheet.saved.totalLoans)}</td>
                    <td className={`${cell} text-right tabular-nums`} data-testid="total-savings">{formatVnd(sheet.saved.totalSaving)}</td>
                  </tr>
                )}
              </tbody>
            </table>
          </ScrollBox>
        )}
        {editable && <SheetUpload groupId={sheet.group.id} month={month} />}
      </div>
    </>
  );
}
