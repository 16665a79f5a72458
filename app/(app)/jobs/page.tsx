import { actorCan } from '@/lib/auth/actor';
import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/ui/action-form';
import { Badge, Card, EmptyState, PageHeader } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { orNotFound } from '@/lib/api/page';
import { requireActor } from '@/lib/auth/session';
import type { JobRun } from '@/lib/db';
import { formatDateTime } from '@/lib/i18n/format';
import { INTERRUPTED, JOBS, listJobs, RESULT_KEYS, type JobResult } from '@/lib/jobs';
import { describeSchedule } from '@/lib/jobs/schedule';
import { runJobNowAction } from './actions';

export async function generateMetadata() {
  return { title: (await getTranslations('nav'))('jobs') };
}

const TONES = { RUNNING: 'amber', SUCCEEDED: 'green', FAILED: 'rose' } as const;

export default async function JobsPage() {
  const actor = await requireActor();
  const { now, jobs, runs } = await orNotFound(listJobs(actor));
  const t = await getTranslations();

  const titleOf = (name: string) => {
    const key = JOBS.find((job) => job.name === name)?.key;
    return key ? t(`jobs.jobs.${key}.title`) : name;
  };
  const scheduleOf = (pattern: string) => {
    const schedule = describeSchedule(pattern);
    return schedule.kind === 'daily' ? t('jobs.daily', { time: schedule.time }) : t('jobs.cron', { pattern: schedule.pattern });
  };
  const seconds = (ms: number | null) => (ms === null ? '—' : t('jobs.seconds', { seconds: (ms / 1000).toFixed(1).replace('.', ',') }));
  const outcome = (run: JobRun) => (
    <>
      <Badge tone={TONES[run.status]}>{t(`jobs.status.${run.status}`)}</Badge>
      {run.attempt > 1 && <span className="block text-xs text-slate-600">{t('jobs.attempt', { attempt: run.attempt })}</span>}
    </>
  );
  const result = (run: JobRun) => {
    const counts = (run.result ?? {}) as JobResult;
    const parts = RESULT_KEYS.filter((key) => typeof counts[key] === 'number').map((key) => t(`jobs.results.${key}`, { count: counts[key]! }));
    return parts.length ? parts.join('; ') : '—';
  };
  const error = (run: JobRun) => (!run.error ? '—' : run.error === INTERRUPTED ? t('jobs.interrupted') : <span className="break-all font-mono text-xs">{run.error}</span>);

  return (
    <>
      <PageHeader title={t('nav.jobs')} description={t('jobs.pageDescription')} />
      <div className="space-y-5">
        <Card title={t('jobs.jobsTitle')} actions={<span className="text-sm text-slate-600">{t('jobs.clock', { time: formatDateTime(now) })}</span>}>
          <DataTable
            rows={jobs}
            rowKey={(job) => job.name}
            testId="jobs"
            columns={[
              {
                header: t('jobs.job'),
                cell: (job) => (
                  <>
                    <span className="font-medium">{t(`jobs.jobs.${job.key}.title`)}</span>
                    <span className="block text-xs text-slate-600">{t(`jobs.jobs.${job.key}.description`)}</span>
                    <span className="block font-mono text-xs text-slate-500">{job.name}</span>
                  </>
                ),
              },
              { header: t('jobs.schedule'), className: 'whitespace-nowrap', cell: (job) => scheduleOf(job.pattern) },
              { header: t('jobs.lastRun'), className: 'whitespace-nowrap', cell: (job) => (job.lastRun ? formatDateTime(job.lastRun.startedAt) : t('jobs.never')) },
              { header: t('jobs.duration'), numeric: true, cell: (job) => seconds(job.lastRun?.durationMs ?? null) },
              { header: t('jobs.outcome'), cell: (job) => (job.lastRun ? outcome(job.lastRun) : '—') },
              { header: t('jobs.result'), cell: (job) => (job.lastRun ? result(job.lastRun) : '—') },
              { header: t('jobs.error'), className: 'max-w-xs', cell: (job) => (job.lastRun ? error(job.lastRun) : '—') },
              { header: t('jobs.nextRun'), className: 'whitespace-nowrap', cell: (job) => (job.nextRunAt ? formatDateTime(job.nextRunAt) : '—') },
              ...(actorCan(actor, 'jobs:run')
                ? [{
                    header: t('jobs.runNow'),
                    cell: (job: (typeof jobs)[number]) => (
                      <ActionForm action={runJobNowAction} submitLabel={t('jobs.runNow')} variant="secondary" className="">
                        <input type="hidden" name="name" value={job.name} />
                      </ActionForm>
                    ),
                  }]
                : []),
            ]}
          />
        </Card>
        <Card title={t('jobs.runsTitle')}>
          {runs.length === 0 ? (
            <EmptyState>{t('jobs.noRuns')}</EmptyState>
          ) : (
            <DataTable
              rows={runs}
              rowKey={(run) => run.id}
              testId="job-runs"
              columns={[
                { header: t('jobs.job'), cell: (run) => titleOf(run.job) },
                { header: t('jobs.startedAt'), className: 'whitespace-nowrap', cell: (run) => formatDateTime(run.startedAt) },
                { header: t('jobs.trigger'), cell: (run) => (run.slot ? `${t('jobs.triggers.SCHEDULE')} · ${formatDateTime(run.slot)}` : t(`jobs.triggers.${run.trigger}`)) },
                { header: t('jobs.duration'), numeric: true, cell: (run) => seconds(run.durationMs) },
                { header: t('jobs.outcome'), cell: outcome },
                { header: t('jobs.result'), cell: result },
                { header: t('jobs.error'), className: 'max-w-xs', cell: error },
              ]}
            />
          )}
        </Card>
      </div>
    </>
  );
}
