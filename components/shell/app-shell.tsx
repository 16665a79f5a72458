import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Actor } from '@/lib/auth/actor';
import { actorCan, isInstallationWide } from '@/lib/auth/actor';
import { type Permission } from '@/lib/auth/permissions';
import { waitingFor } from '@/lib/reports/waiting';
import { LocaleSwitch } from './locale-switch';
import { OfflineSync } from '@/components/offline/offline-sync';
import { NavLinks, type NavItem } from './nav-links';
import { SessionKeeper } from './session-keeper';
import { SignOutButton } from './sign-out-button';

const NAV: { href: string; key: string; permission?: Permission }[] = [
  { href: '/', key: 'home' },
  { href: '/groups', key: 'groups', permission: 'register:read' },
  { href: '/members', key: 'members', permission: 'register:read' },
  { href: '/loans', key: 'loans', permission: 'loan:read' },
  { href: '/loans/approvals', key: 'approvals', permission: 'loan:approve' },
  { href: '/sheets', key: 'sheets', permission: 'loan:read' },
  { href: '/programmes', key: 'programmes', permission: 'loan:read' },
  { href: '/savings', key: 'savings', permission: 'savings:read' },
  { href: '/inspections', key: 'inspections', permission: 'inspection:read' },
  { href: '/reports', key: 'reports', permission: 'loan:read' },
  { href: '/reconciliation', key: 'reconciliation', permission: 'loan:read' },
  { href: '/fees', key: 'fees', permission: 'fees:read' },
  { href: '/fund', key: 'fund', permission: 'fund:read' },
  { href: '/imports', key: 'imports', permission: 'import:run' },
  { href: '/org-units', key: 'orgUnits', permission: 'org:read' },
  { href: '/users', key: 'users', permission: 'user:manage' },
  { href: '/audit', key: 'audit', permission: 'audit:read' },
  { href: '/breaches', key: 'breaches', permission: 'audit:read' },
  { href: '/jobs', key: 'jobs', permission: 'jobs:read' },
];

export async function AppShell({ actor, children }: { actor: Actor; children: ReactNode }) {
  const t = await getTranslations();
  const waiting = await waitingFor(actor);
  const counts: Record<string, number> = { '/loans': waiting.appraisals, '/loans/approvals': waiting.approvals + waiting.reversals, '/inspections': waiting.followUps };
  const items: NavItem[] = NAV.filter((item) => !item.permission || actorCan(actor, item.permission))
    .filter((item) => !['/audit', '/jobs'].includes(item.href) || isInstallationWide(actor))
    .map((item) => ({
      href: item.href,
      label: t(`nav.${item.key}`),
      ...(counts[item.href] ? { waiting: { count: counts[item.href]!, label: t('shell.waiting', { count: counts[item.href]! }) } } : {}),
    }));
  return (
    <div className="min-h-screen md:flex">
      <SessionKeeper />
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2">
        {t('shell.skipToContent')}
      </a>
      <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:border-b-0 md:border-r">
        <div className="flex items-center justify-between px-4 py-3 md:block">
          <p className="text-sm font-semibold leading-tight text-rose-800">{t('app.shortName')}</p>
          <details className="md:hidden">
            <summary className="cursor-pointer rounded px-2 py-1 text-sm font-medium text-slate-800">{t('shell.menu')}</summary>
            <nav aria-label={t('shell.mainNav')} className="absolute left-0 right-0 z-40 border-b border-slate-200 bg-white p-3 shadow">
              <NavLinks items={items} />
            </nav>
          </details>
        </div>
        <nav aria-label={t('shell.mainNav')} className="hidden px-3 pb-4 md:block">
          <NavLinks items={items} />
        </nav>
      </aside>
      <div className="flex-1">
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-4 py-2">
          <div className="text-sm">
            <span className="font-medium" data-testid="current-user">{actor.fullName}</span>
            <span className="text-slate-600"> · {t(`roles.${actor.role}`)} · </span>
            <span className="text-slate-800" data-testid="current-unit">{actor.bankOfficeName ?? actor.orgUnitName}</span>
          </div>
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <OfflineSync />
            <a href="/help" className="whitespace-nowrap text-sm text-slate-700 underline-offset-2 hover:underline">{t('help.link')}</a>
            <a href="/account" className="whitespace-nowrap text-sm text-slate-700 underline-offset-2 hover:underline">{t('users.tokens.accountLink')}</a>
            <LocaleSwitch />
            <SignOutButton />
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl p-4 sm:p-6">
          {children}
        </main>
      </div>
    </div>
  );
}
