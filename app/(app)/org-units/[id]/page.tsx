import { actorCan } from '@/lib/auth/actor';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { CreateOrgUnitForm, ManageOrgUnitForms, unitOption } from '@/components/org/org-unit-forms';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import { CHILD_LEVELS, getOrgUnit, listOrgUnits, PARENT_LEVELS } from '@/lib/org';

export default async function OrgUnitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const t = await getTranslations();
  const { unit, children, breadcrumb, userCount, hasData } = await orNotFound(getOrgUnit(actor, id));
  const manage = actorCan(actor, 'org:manage');
  const units = manage ? await listOrgUnits(actor, { includeInactive: false }) : [];
  const moveTargets = units.filter((u) => PARENT_LEVELS[unit.level].includes(u.level) && unit.id !== actor.orgUnitId).map(unitOption);

  return (
    <>
      <nav aria-label={t('shell.breadcrumb')} className="mb-3 text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          <li>
            <Link href="/org-units" className="underline-offset-2 hover:underline">{t('nav.orgUnits')}</Link>
          </li>
          {breadcrumb.map((crumb) => (
            <li key={crumb.id} className="flex items-center gap-1">
              <span aria-hidden="true">›</span>
              {crumb.id === unit.id ? (
                <span aria-current="page" className="font-medium text-slate-900">{crumb.name}</span>
              ) : (
                <Link href={`/org-units/${crumb.id}`} className="underline-offset-2 hover:underline">{crumb.name}</Link>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <PageHeader
        title={unit.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span className="font-mono">{unit.code}</span>
            <Badge>{t(`levels.${unit.level}`)}</Badge>
            {unit.active ? <Badge tone="green">{t('org.active')}</Badge> : <Badge tone="amber">{t('org.inactive')}</Badge>}
            <span>{t('org.userCount', { count: userCount })}</span>
          </span>
        }
      />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card title={t('org.children')}>
          {children.length === 0 ? (
            <EmptyState>{CHILD_LEVELS[unit.level].length ? t('org.noChildren') : t('org.noChildLevel')}</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {children.map((child) => (
                <li key={child.id} className="flex flex-wrap items-center gap-2 py-2">
                  <Link href={`/org-units/${child.id}`} className="font-medium text-rose-800 underline-offset-2 hover:underline">{child.name}</Link>
                  <span className="font-mono text-xs text-slate-600">{child.code}</span>
                  {!child.active && <Badge tone="amber">{t('org.inactive')}</Badge>}
                </li>
              ))}
            </ul>
          )}
        </Card>
        {manage && (
          <Card title={t('org.manageTitle')}>
            <ManageOrgUnitForms unit={unit} parents={moveTargets} canDelete={children.length === 0 && !hasData && unit.id !== actor.orgUnitId} />
          </Card>
        )}
        {manage && unit.active && CHILD_LEVELS[unit.level].length > 0 && (
          <Card title={t('org.createChildTitle', { level: CHILD_LEVELS[unit.level].map((l) => t(`levels.${l}`)).join(' / ') })}>
            <CreateOrgUnitForm parents={[unitOption(unit)]} defaultParentId={unit.id} />
          </Card>
        )}
      </div>
    </>
  );
}
