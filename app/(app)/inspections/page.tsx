import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CloseFollowUpForm, CreatePlanForm, RecordInspectionForm } from '@/components/inspections/inspection-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { formatPercent } from '@/lib/i18n/format';
import { RatingDistributionTable } from '@/components/groups/group-ratings';
import { ratingDistribution } from '@/lib/groups';
import { appraisalCoverage, coverageOf, inspectionCoverage, inspectionFormOptions, listFollowUps, listInspectionPlans, listInspections } from '@/lib/inspections';
import { DateInput } from '@/components/ui/date-input';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('inspections') };
}

export default async function InspectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const query = await searchParams;
  const today = todayInVietnam();
  const from = parseDateOnly(query.from ?? '') ?? new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const to = parseDateOnly(query.to ?? '') ?? today;
  const period = { from: isoDate(from), to: isoDate(to) };
  const write = actorCan(actor, 'inspection:write');
  const [coverage, appraisal, followUps, plans, records, options, ratings] = await Promise.all([
    orNotFound(inspectionCoverage(actor, period)),
    orNotFound(appraisalCoverage(actor, period)),
    orNotFound(listFollowUps(actor, { status: 'OPEN' })),
    orNotFound(listInspectionPlans(actor)),
    orNotFound(listInspections(actor, { from, to })),
    write ? inspectionFormOptions(actor) : null,
    orNotFound(ratingDistribution(actor, { year: to.getUTCFullYear() })),
  ]);
  const { COMMUNE: c, GROUP: g, HOUSEHOLD: h } = coverage.levels;
  return (
    <>
      <PageHeader title={t('inspections.page.title')} description={t('inspections.page.description')} />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">{t('inspections.page.from')}<DateInput name="from" defaultValue={period.from} className="rounded-md border border-slate-300 px-2 py-1" /></label>
        <label className="flex flex-col">{t('inspections.page.to')}<DateInput name="to" defaultValue={period.to} className="rounded-md border border-slate-300 px-2 py-1" /></label>
        <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t('inspections.page.show')}</button>
      </form>
      <div className="grid gap-4">
        <Card title={t('inspections.page.coverageTitle', { from: formatDateOnly(from), to: formatDateOnly(to) })}>
          <p className="text-base font-medium" data-testid="coverage">
            {t('inspections.page.coverageLine', { communes: `${c.done}/${c.planned}`, groups: `${g.done}/${g.planned}`, households: `${h.done}/${h.planned}` })}
          </p>
          <p className="mt-1 text-sm text-slate-700">{t('inspections.page.coverageExtra', { communes: c.inspected, groups: g.inspected, households: h.inspected, inspections: coverage.inspections })}</p>
        </Card>
        <Card title={t('groups.rating.distributionTitle', { year: ratings.year })}>
          <RatingDistributionTable distribution={ratings} />
        </Card>
        <Card title={t('inspections.page.followUps')}>
          {followUps.length === 0 ? (
            <EmptyState>{t('inspections.page.noFollowUps')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="follow-ups">
              {followUps.map((f) => (
                <li key={f.id} className="space-y-2 py-3 text-sm">
                  <p>
                    <span className="font-medium">{f.action}</span> · {t(`inspections.items.${f.finding.item}`)} · {f.orgUnit.name}
                    <span className="block text-slate-700">
                      {t('inspections.page.owner')}: {f.owner} · {t('inspections.page.dueDate')}: {formatDateOnly(f.dueDate)}{' '}
                      {f.dueDate < today && <Badge tone="rose">{t('inspections.page.overdue')}</Badge>}{' '}
                      <Link className="text-rose-800 underline" href={`/inspections/${f.finding.inspection.id}`}>{t('inspections.page.open')}</Link>
                    </span>
                  </p>
                  {write && <CloseFollowUpForm id={f.id} />}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title={t('inspections.page.plans')}>
          {plans.length === 0 ? (
            <EmptyState action={write && t('inspections.page.noPlansAdd')}>{t('inspections.page.noPlans')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="plans">
              {plans.map((p) => {
                const progress = Object.values(coverageOf(p.targets, p.inspections));
                return (
                  <li key={p.id} className="py-2">
                    <span className="font-medium">{p.title}</span> · {t(`inspections.kind.${p.kind}`)} · {formatDateOnly(p.periodFrom)}–{formatDateOnly(p.periodTo)} · {p.orgUnit.name}
                    <span className="block text-slate-700">
                      {t('inspections.page.planCoverage', { done: progress.reduce((s, l) => s + l.done, 0), planned: progress.reduce((s, l) => s + l.planned, 0) })} · {p.team}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card title={t('inspections.page.records')}>
          {records.length === 0 ? (
            <EmptyState action={write && t('inspections.page.noRecordsAdd')}>{t('inspections.page.noRecords')}</EmptyState>
          ) : (
            <DataTable
              testId="inspections"
              rows={records}
              rowKey={(r) => r.id}
              columns={[
                { header: t('inspections.page.date'), cell: (r) => <Link className="text-rose-800 underline" href={`/inspections/${r.id}`}>{formatDateOnly(r.date)}</Link> },
                { header: t('inspections.page.level'), cell: (r) => `${t(`inspections.level.${r.level}`)} · ${t(`inspections.kind.${r.kind}`)}` },
                { header: t('inspections.page.commune'), cell: (r) => r.orgUnit.name },
                { header: t('inspections.page.inspectors'), cell: (r) => r.inspectors },
                {
                  header: t('inspections.detail.result'),
                  cell: (r) => {
                    const failed = r.findings.filter((f) => !f.passed).length;
                    return failed ? <Badge tone="rose">{t('inspections.page.failed', { count: failed })}</Badge> : <Badge tone="green">{r.findings.length}</Badge>;
                  },
                },
              ]}
            />
          )}
        </Card>
        <Card title={t('inspections.page.appraisalTitle')}>
          <p className="text-sm" data-testid="appraisal-coverage">
            {t('inspections.page.appraisalLine', {
              appraised: appraisal.total.appraised, disbursed: appraisal.total.disbursed, ratio: formatPercent(appraisal.total.ratio),
              laterAppraised: appraisal.total.laterRounds.appraised, laterDisbursed: appraisal.total.laterRounds.disbursed,
              laterRatio: formatPercent(appraisal.total.laterRounds.ratio),
            })}
          </p>
          {appraisal.communes.length > 0 && (
            <DataTable
              rows={appraisal.communes}
              rowKey={(r) => r.commune.id}
              columns={[
                { header: t('inspections.page.commune'), cell: (r) => r.commune.name },
                { header: t('inspections.page.disbursed'), numeric: true, cell: (r) => r.disbursed },
                { header: t('inspections.page.appraised'), numeric: true, cell: (r) => r.appraised },
                { header: t('inspections.page.ratio'), numeric: true, cell: (r) => formatPercent(r.ratio) },
                { header: t('inspections.page.laterRounds'), numeric: true, cell: (r) => `${r.laterRounds.appraised}/${r.laterRounds.disbursed}` },
              ]}
            />
          )}
          <h3 className="mt-3 text-sm font-semibold">{t('inspections.page.exceptions')}</h3>
          {appraisal.exceptions.length === 0 ? (
            <p className="text-sm text-slate-600">{t('inspections.page.noExceptions')}</p>
          ) : (
            <ul className="text-sm">
              {appraisal.exceptions.slice(0, 100).map((l) => (
                <li key={l.id}>
                  <Link className="text-rose-800 underline" href={`/loans/${l.id}`}>{l.number}</Link> · {l.member.fullName} · {l.orgUnit.name} · {t('inspections.page.round')} {l.round} · {formatDateOnly(l.disbursedAt!)}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {options && (
          <>
            <Card title={t('inspections.page.newRecord')}>
              <RecordInspectionForm options={options} />
            </Card>
            <Card title={t('inspections.page.newPlan')}>
              <CreatePlanForm options={options} />
            </Card>
          </>
        )}
      </div>
    </>
  );
}
