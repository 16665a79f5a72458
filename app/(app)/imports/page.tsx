import { getTranslations } from 'next-intl/server';
import { ExportJobButton } from '@/components/dashboard/export-job-button';
import { ImportForm } from '@/components/imports/import-form';
import { Card, PageHeader } from '@/components/ui/card';
import { orNotFound } from '@/lib/api/page';
import { assertCan, actorCan } from '@/lib/auth/actor';
import { requireActor } from '@/lib/auth/session';
import { importKind } from '@/lib/imports/kinds/registry';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/lib/imports/types';

/**
 * Above this many members the register is exported only in the background (decision 028): a
 * download of a province's 100,000 members takes ~10 s, longer than a browser's patience.
 */
const LARGE_REGISTER_ROWS = 20_000;

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('imports') };
}

export default async function ImportsPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const actor = await requireActor();
  await orNotFound(Promise.resolve().then(() => assertCan(actor, 'import:run')));
  const t = await getTranslations();
  const requested = (await searchParams).kind;
  const needs = { 'org-units': 'org:manage', loans: 'loan:approve', repayments: 'loan:apply', reorganisation: 'org:reorganise' } as const;
  const kinds = (['members', 'groups', 'org-units', 'loans', 'repayments', 'savings', 'reorganisation'] as const)
    .filter((kind) => !(kind in needs) || actorCan(actor, needs[kind as keyof typeof needs]))
    .map((kind) => ({ value: kind, label: t(`imports.page.kinds.${kind}`) }));
  const link = 'font-medium text-rose-800 underline underline-offset-2';
  const memberRows = await importKind('members').exportCount(actor);
  const backgroundOnly = (kind: string) => kind === 'members' && memberRows > LARGE_REGISTER_ROWS;
  return (
    <>
      <PageHeader title={t('nav.imports')} description={t('imports.page.description', { maxRows: MAX_IMPORT_ROWS.toLocaleString('vi-VN'), maxMb: MAX_IMPORT_BYTES / 1024 / 1024 })} />
      <div className="grid gap-5 lg:grid-cols-[3fr_2fr]">
        <Card title={t('imports.page.importTitle')}>
          <ImportForm kinds={kinds} defaultKind={kinds.some((k) => k.value === requested) ? requested : undefined} />
        </Card>
        <div className="space-y-5">
          <Card title={t('imports.page.templatesTitle')}>
            <ul className="space-y-2 text-sm">
              {kinds.map((k) => (
                <li key={k.value}>
                  <a className={link} href={`/api/v1/imports/templates/${k.value}`} download>{t('imports.page.template', { kind: k.label })}</a>
                </li>
              ))}
            </ul>
          </Card>
          <Card title={t('imports.page.exportTitle')}>
            <ul className="space-y-2 text-sm">
              {kinds.map((k) => (
                <li key={k.value} className="flex flex-wrap items-center gap-3" data-testid={`export-${k.value}`}>
                  <span className="min-w-40">{k.label}</span>
                  {backgroundOnly(k.value) ? (
                    <span className="text-slate-600">{t('imports.page.largeRegister', { rows: memberRows.toLocaleString('vi-VN') })}</span>
                  ) : (
                    <>
                      <a className={link} href={`/api/v1/exports/${k.value}?format=xlsx`} download>XLSX</a>
                      <a className={link} href={`/api/v1/exports/${k.value}?format=csv`} download>CSV</a>
                      <a className={link} href={`/api/v1/exports/${k.value}?format=csv&sep=semicolon`} download title={t('reports.csvSemicolonHelp')}>
                        {t('reports.csvSemicolon')}
                      </a>
                    </>
                  )}
                  <ExportJobButton kind={`register.${k.value}`} params={{}} />
                </li>
              ))}
            </ul>
          </Card>
        </div>
      </div>
    </>
  );
}
