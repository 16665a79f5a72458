import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ReconciliationUploadForm } from '@/components/reconciliation/upload-form';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { actorCan } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { monthOf } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { formatDateTime } from '@/lib/i18n/format';
import { listOrgUnits } from '@/lib/org/list-org-units';
import { listBankStatements } from '@/lib/reconciliation';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('reconciliation') };
}

const monthLabel = (month: string) => `${month.slice(5)}/${month.slice(0, 4)}`;

export default async function ReconciliationPage() {
  const actor = await requireActor();
  const t = await getTranslations('reconciliation');
  const [statements, units] = await Promise.all([
    listBankStatements(actor),
    actorCan(actor, 'reconcile:run') ? listOrgUnits(actor, { includeInactive: false }) : Promise.resolve([]),
  ]);
  const communes = units.filter((u) => u.level === 'COMMUNE').map((u) => ({ id: u.id, name: u.name }));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <div className="space-y-5">
        {communes.length > 0 && (
          <Card title={t('upload.title')}>
            {/* The month just ended is the one the office sends. */}
            <ReconciliationUploadForm communes={communes} defaultMonth={monthOf(todayInVietnam(), -1)} />
          </Card>
        )}
        <Card title={t('list.title')}>
          {statements.length === 0 ? (
            <EmptyState>{t('list.empty')}</EmptyState>
          ) : (
            <DataTable
              testId="reconciliation-list"
              rows={statements}
              rowKey={(s) => s.id}
              columns={[
                { header: t('upload.month'), cell: (s) => <Link className="font-medium text-rose-800 underline" href={`/reconciliation/${s.id}`}>{monthLabel(s.month)}</Link> },
                { header: t('upload.commune'), cell: (s) => s.commune.name },
                { header: t('list.rows'), numeric: true, cell: (s) => String(s.rows) },
                { header: t('list.uploaded'), cell: (s) => `${s.uploadedBy ?? ''} · ${formatDateTime(s.uploadedAt)}` },
                {
                  header: t('list.status'),
                  cell: (s) => (s.reconciledAt
                    ? <Badge tone="green">{t('list.reconciled', { name: s.reconciledBy ?? '', at: formatDateTime(s.reconciledAt) })}</Badge>
                    : <Badge tone="amber">{t('list.open')}</Badge>),
                },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
