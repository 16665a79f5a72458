import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { QueuedSheets } from '@/components/offline/queued-sheets';
import { TakeSheetsOffline } from '@/components/offline/take-sheets-offline';
import { buttonClass } from '@/components/ui/button';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { filterInputClass } from '@/components/ui/filter-form';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { listSheets } from '@/lib/collections';
import { formatVnd } from '@/lib/money';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('sheets') };
}

export default async function SheetsPage({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const requested = (await searchParams).month;
  const month = requested && /^\d{4}-(0[1-9]|1[0-2])$/.test(requested) ? requested : todayInVietnam().toISOString().slice(0, 7);
  const actor = await requireActor();
  const t = await getTranslations();
  const { rows, remitted, totalLoans, totalSaving } = await orNotFound(listSheets(actor, month));
  return (
    <>
      <PageHeader title={t('nav.sheets')} description={t('sheets.list.description', { remitted, total: rows.length })} />
      <div className="mb-4">
        <QueuedSheets />
      </div>
      {/* The commune officer takes her groups' sheets to the meetings: one tap keeps them all on the device. */}
      {actor.role === 'COMMUNE_OFFICER' && actorCan(actor, 'loan:apply') && actorCan(actor, 'savings:post') && rows.length > 0 && (
        <div className="mb-4">
          <TakeSheetsOffline month={month} urls={rows.map((r) => `/groups/${r.group.id}/sheet?month=${month}`)} />
        </div>
      )}
      <form method="get" className="mb-4 flex items-end gap-2">
        <label className="flex flex-col text-sm font-medium">{t('sheets.page.month')}
          <input type="month" name="month" defaultValue={month} className={filterInputClass} />
        </label>
        <button type="submit" className={buttonClass('secondary')}>{t('sheets.page.show')}</button>
      </form>
      <Card title={t('sheets.list.totals', { loans: formatVnd(totalLoans), savings: formatVnd(totalSaving) })}>
        {rows.length === 0 ? (
          <EmptyState action={actorCan(actor, 'register:write') ? <Link href="/groups" className="text-rose-800 underline">{t('sheets.list.emptyAdd')}</Link> : t('sheets.list.emptyReadOnly')}>{t('sheets.list.empty')}</EmptyState>
        ) : (
          <DataTable
            rows={rows}
            rowKey={(r) => r.group.id}
            testId="sheets"
            columns={[
              { header: t('sheets.list.day'), cell: (r) => formatDateOnly(r.date) },
              { header: t('fields.groupCode'), cell: (r) => <Link className="text-rose-800 underline" href={`/groups/${r.group.id}/sheet?month=${month}`}>{r.group.code} · {r.group.name}</Link> },
              { header: t('registers.commune'), cell: (r) => r.group.commune },
              { header: t('sheets.page.collectedLoan'), numeric: true, cell: (r) => (r.sheet ? formatVnd(r.sheet.totalLoans) : '—') },
              { header: t('sheets.page.collectedSaving'), numeric: true, cell: (r) => (r.sheet ? formatVnd(r.sheet.totalSaving) : '—') },
              { header: t('fields.status'), cell: (r) => (r.sheet ? <Badge tone="green">{t('sheets.list.remitted')}</Badge> : <Badge tone="amber">{t('sheets.list.pending')}</Badge>) },
            ]}
          />
        )}
      </Card>
    </>
  );
}
