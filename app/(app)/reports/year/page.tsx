import { getTranslations } from 'next-intl/server';
import { AsOfNotice } from '@/components/dashboard/as-of-notice';
import { NarrativeEditor } from '@/components/dashboard/narrative-editor';
import { statementUnitOptions } from '@/components/fees/unit-month-filter';
import { Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { todayInVietnam } from '@/lib/clock';
import { yearNarrative } from '@/lib/reports/narrative';

export async function generateMetadata() {
  return { title: (await getTranslations('reports.year'))('title') };
}

const inputClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5';

export default async function YearReportPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  const q = await searchParams;
  const thisYear = todayInVietnam().getUTCFullYear();
  const year = Number(q.year) >= 2000 && Number(q.year) <= thisYear ? Number(q.year) : thisYear;
  const [narrative, units] = await Promise.all([orNotFound(yearNarrative(actor, { year, orgUnitId: q.orgUnitId })), statementUnitOptions(actor)]);
  return (
    <>
      <style>{'@media print { @page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm } aside, header, .no-print { display: none !important } }'}</style>
      <PageHeader title={t('reports.year.title')} description={t('reports.year.description')} />
      <form method="get" className="no-print mb-4 flex flex-wrap items-end gap-2 text-sm">
        <label className="flex flex-col">{t('reports.year.year')}<input type="number" name="year" min={2000} max={thisYear} defaultValue={year} className={inputClass} /></label>
        {units.length > 1 && (
          <label className="flex flex-col">{t('fees.page.unit')}
            <select name="orgUnitId" defaultValue={narrative.orgUnit.id} className={inputClass}>{units.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}</select>
          </label>
        )}
        <button type="submit" className="min-h-9 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium">{t('fees.page.show')}</button>
      </form>
      <AsOfNotice asOf={narrative.asOf} />
      <Card title={narrative.title}>
        <NarrativeEditor key={`${narrative.orgUnit.id}:${year}`} title={narrative.title} initialText={narrative.paragraphs.join('\n\n')} />
      </Card>
    </>
  );
}
