import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { OrgTree } from '@/components/org/org-tree';
import { CreateOrgUnitForm, unitOption } from '@/components/org/org-unit-forms';
import { Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { buildTree, CHILD_LEVELS, listOrgUnits } from '@/lib/org';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('orgUnits') };
}

export default async function OrgUnitsPage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const units = await orNotFound(listOrgUnits(actor));
  const root = buildTree(units, actor.orgUnitId);
  const parents = units.filter((u) => u.active && CHILD_LEVELS[u.level].length > 0).map(unitOption);
  return (
    <>
      <PageHeader title={t('nav.orgUnits')} description={t('org.pageDescription')} />
      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <Card title={t('org.tree')}>{root ? <OrgTree root={root} /> : <EmptyState>{t('org.empty')}</EmptyState>}</Card>
        {actorCan(actor, 'org:manage') && parents.length > 0 && (
          <Card title={t('org.createTitle')}>
            <CreateOrgUnitForm parents={parents} />
          </Card>
        )}
      </div>
    </>
  );
}
