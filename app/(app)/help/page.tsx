import { getTranslations } from 'next-intl/server';
import { Card, PageHeader } from '@/components/ui/card';
import { requireActor } from '@/lib/auth/session';
import { ROLES } from '@/lib/auth/permissions';
import type { Role } from '@/lib/db';

export async function generateMetadata() {
  return { title: (await getTranslations('help'))('title') };
}

/** The guide for each role: the reader's own first, the others folded below. */
export default async function HelpPage() {
  const actor = await requireActor();
  const t = await getTranslations('help');
  const tRoles = await getTranslations('roles');
  const steps = (role: Role) => t.raw(`guides.${role}`) as string[];
  const guide = (role: Role) => (
    <ol className="list-decimal space-y-2 pl-5 text-sm leading-relaxed text-slate-800">
      {steps(role).map((step) => (
        <li key={step}>{step}</li>
      ))}
    </ol>
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <Card title={t('yourRole', { role: tRoles(actor.role) })}>{guide(actor.role)}</Card>
      <Card title={t('otherRoles')}>
        <div className="space-y-2">
          {ROLES.filter((role) => role !== actor.role).map((role) => (
            <details key={role} className="rounded border border-slate-200 p-3">
              <summary className="cursor-pointer text-sm font-medium text-slate-900">{tRoles(role)}</summary>
              <div className="mt-3">{guide(role)}</div>
            </details>
          ))}
        </div>
      </Card>
    </>
  );
}
