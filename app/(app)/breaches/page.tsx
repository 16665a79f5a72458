import { getTranslations } from 'next-intl/server';
import { BreachNoticeForm, CloseBreachForm, RecordBreachForm } from '@/components/breaches/breach-forms';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { listBreaches } from '@/lib/breaches';
import { formatDate, formatDateTime } from '@/lib/i18n/format';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('breaches') };
}

const STATE_CLASS = { ON_TIME: 'text-emerald-800', LATE: 'text-amber-800', DUE: 'text-slate-900', OVERDUE: 'font-semibold text-red-700' } as const;

export default async function BreachesPage() {
  const actor = await requireActor();
  const t = await getTranslations('breaches');
  const breaches = await orNotFound(listBreaches(actor));
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      <Card title={t('recordTitle')}>
        <RecordBreachForm />
      </Card>
      <Card title={t('listTitle', { total: breaches.length })}>
        {breaches.length === 0 ? (
          <EmptyState>{t('empty')}</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-200" data-testid="breaches">
            {breaches.map((b) => (
              <li key={b.id} className="space-y-2 py-4">
                <p className="font-medium text-slate-900">{b.title}</p>
                <p className="text-sm text-slate-700">{b.description}</p>
                <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                  <div><dt className="inline text-slate-600">{t('unit')}: </dt><dd className="inline">{b.orgUnit.name}</dd></div>
                  <div><dt className="inline text-slate-600">{t('detectedAt')}: </dt><dd className="inline">{formatDateTime(b.detectedAt)}</dd></div>
                  <div><dt className="inline text-slate-600">{t('peopleAffected')}: </dt><dd className="inline">{b.peopleAffected.toLocaleString('vi-VN')}</dd></div>
                  <div><dt className="inline text-slate-600">{t('categories')}: </dt><dd className="inline">{b.dataCategories.map((c) => t(`categoryNames.${c}`)).join('; ')}</dd></div>
                  <div data-testid="breach-authority">
                    <dt className="inline text-slate-600">{t('authority')}: </dt>
                    <dd className={`inline ${STATE_CLASS[b.authority]}`}>
                      {t(`states.${b.authority}`, { date: b.authorityNotifiedOn ? formatDate(b.authorityNotifiedOn) : '', deadline: formatDateTime(b.deadline) })}
                      {b.hoursLeft !== null && ` (${t('hoursLeft', { hours: b.hoursLeft })})`}
                    </dd>
                  </div>
                  <div><dt className="inline text-slate-600">{t('people')}: </dt><dd className="inline">{b.peopleNotifiedOn ? t('notifiedOn', { date: formatDate(b.peopleNotifiedOn) }) : t('notNotified')}</dd></div>
                  {b.measures && <div className="sm:col-span-2"><dt className="inline text-slate-600">{t('measures')}: </dt><dd className="inline">{b.measures}</dd></div>}
                  {b.closedOn && <div><dt className="inline text-slate-600">{t('closedOn')}: </dt><dd className="inline">{formatDate(b.closedOn)}</dd></div>}
                </dl>
                {!b.closedOn && (
                  <div className="grid gap-3 sm:grid-cols-3">
                    {!b.authorityNotifiedOn && <BreachNoticeForm id={b.id} to="AUTHORITY" />}
                    {!b.peopleNotifiedOn && <BreachNoticeForm id={b.id} to="PEOPLE" />}
                    {b.authorityNotifiedOn && <CloseBreachForm id={b.id} />}
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
