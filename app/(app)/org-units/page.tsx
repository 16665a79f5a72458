import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { OrgTree } from '@/components/org/org-tree';
import { CreateOrgUnitForm, unitOption } from '@/components/org/org-unit-forms';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { buildTree, CHILD_LEVELS, listOrgUnits } from '@/lib/org';
import { listReorganisations } from '@/lib/org/reorganisation';
import { listBankOffices } from '@/lib/org/bank-offices';
import { BankOffices } from '@/components/org/bank-offices';
import { FilterField, FilterForm, filterInputClass } from '@/components/ui/filter-form';
import { formatDateOnly, isoDate, parseDateOnly } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { DateInput } from '@/components/ui/date-input';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('orgUnits') };
}

export default async function OrgUnitsPage({ searchParams }: { searchParams: Promise<{ asOf?: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations();
  // The tree of a day (today by default): units created by then and not ended before it.
  const asOf = parseDateOnly((await searchParams).asOf ?? '') ?? todayInVietnam();
  const [units, events, offices] = await Promise.all([orNotFound(listOrgUnits(actor, { asOf })), listReorganisations(actor), listBankOffices(actor)]);
  // A bank office's liaison sees its communes, not her whole unit: each is a tree of its own.
  const root = buildTree(units, actor.orgUnitId);
  const roots = root ? [root] : units.filter((u) => !units.some((p) => p.id === u.parentId)).map((u) => buildTree(units, u.id)!);
  const parents = units.filter((u) => u.active && CHILD_LEVELS[u.level].length > 0).map(unitOption);
  const link = 'font-medium text-rose-800 underline underline-offset-2';
  return (
    <>
      <PageHeader title={t('nav.orgUnits')} description={t('org.pageDescription')} />
      <FilterForm>
        <FilterField id="as-of" label={t('org.asOf')}>
          <DateInput id="as-of" name="asOf" defaultValue={isoDate(asOf)} className={filterInputClass} />
        </FilterField>
      </FilterForm>
      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <Card title={t('org.treeOn', { date: formatDateOnly(asOf) })}>{roots.length > 0 ? roots.map((r) => <OrgTree key={r.id} root={r} />) : <EmptyState>{t('org.empty')}</EmptyState>}</Card>
        <div className="space-y-5">
          {actorCan(actor, 'org:manage') && parents.length > 0 && (
            <Card title={t('org.createTitle')}>
              <CreateOrgUnitForm parents={parents} />
            </Card>
          )}
          {(offices.length > 0 || actorCan(actor, 'org:manage')) && (
            <Card title={t('bankOffices.title')}>
              <BankOffices offices={offices} manage={actorCan(actor, 'org:manage')} />
            </Card>
          )}
          <Card title={t('reorg.history')}>
            {events.length === 0 ? <EmptyState>{t('reorg.noHistory')}</EmptyState> : (
              <ul className="space-y-3 text-sm" data-testid="reorganisations">
                {events.map((e) => {
                  const summary = e.summary as { communes?: { ended: number; into: number } };
                  return (
                    <li key={e.id}>
                      <p className="font-medium">{e.decisionNo} ({formatDateOnly(e.decisionDate)})</p>
                      <p className="text-slate-700">{t('reorg.summaryLine', { ended: summary.communes?.ended ?? 0, into: summary.communes?.into ?? 0, date: formatDateOnly(e.effectiveOn) })}</p>
                      <p className="flex gap-3">
                        <a className={link} href={`?asOf=${isoDate(new Date(e.effectiveOn.getTime() - 86_400_000))}`}>{t('org.treeBefore')}</a>
                        <a className={link} href={`?asOf=${isoDate(e.effectiveOn)}`}>{t('org.treeAfter')}</a>
                      </p>
                    </li>
                  );
                })}
              </ul>
            )}
            {actorCan(actor, 'org:reorganise') && (
              <p className="mt-3 text-sm"><a className={link} href="/imports?kind=reorganisation">{t('org.reorganiseLink')}</a></p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
