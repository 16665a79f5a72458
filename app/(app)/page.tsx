import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { requireActor } from '@/lib/auth/session';
import { can } from '@/lib/auth/permissions';
import { listOrgUnits } from '@/lib/org';
import type { OrgLevel } from '@/lib/db';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('home') };
}

const LEVELS: OrgLevel[] = ['DISTRICT', 'COMMUNE', 'CHAPTER'];

export default async function HomePage() {
  const actor = await requireActor();
  const t = await getTranslations();
  const units = await listOrgUnits(actor, { includeInactive: false });
  const counts = LEVELS.map((level) => ({ level, count: units.filter((u) => u.level === level).length })).filter(
    (c) => c.count > 0,
  );
  return (
    <>
      <PageHeader title={t('home.greeting', { name: actor.fullName })} description={t('home.scope', { unit: actor.orgUnitName })} />
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {counts.map(({ level, count }) => (
          <Card key={level}>
            <p className="text-sm text-slate-600">{t(`home.count.${level}`)}</p>
            <p className="mt-1 text-3xl font-semibold text-slate-900">{count.toLocaleString('vi-VN')}</p>
          </Card>
        ))}
      </div>
      <div className="mt-5">
        <Card title={t('home.nextSteps')}>
          <ul className="list-disc space-y-1 pl-5 text-sm">
            <li><Link className="text-rose-800 underline" href="/org-units">{t('home.linkOrgUnits')}</Link></li>
            {can(actor.role, 'user:manage') && <li><Link className="text-rose-800 underline" href="/users">{t('home.linkUsers')}</Link></li>}
            {can(actor.role, 'audit:read') && <li><Link className="text-rose-800 underline" href="/audit">{t('home.linkAudit')}</Link></li>}
          </ul>
        </Card>
      </div>
    </>
  );
}
