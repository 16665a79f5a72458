'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';

interface Job {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  rowsDone: number;
  rowsTotal: number | null;
  error: string | null;
}

/** Starts a background export and shows its progress, then the download link. */
export function ExportJobButton({ kind, params }: { kind: string; params: Record<string, string> }) {
  const t = useTranslations('reports.export');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);

  // Queued (waiting for a free worker of any server instance) shows as running, at 0 %.
  const inProgress = job?.status === 'QUEUED' || job?.status === 'RUNNING';
  useEffect(() => {
    if (!job || (job.status !== 'QUEUED' && job.status !== 'RUNNING')) return;
    const timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/export-jobs/${job.id}`);
      if (response.ok) setJob(await response.json());
    }, 800);
    return () => clearTimeout(timer);
  }, [job]);

  async function start() {
    setError(null);
    const response = await fetch('/api/v1/export-jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind, format: 'xlsx', params }) });
    const body = await response.json();
    if (response.ok) setJob(body);
    else setError(body.error?.message ?? t('failed'));
  }

  const percent = job?.rowsTotal ? Math.round((job.rowsDone / job.rowsTotal) * 100) : 0;
  return (
    <div className="flex flex-wrap items-center gap-3" data-testid="export-job">
      <Button variant="secondary" onClick={start} disabled={inProgress}>{t('start')}</Button>
      {inProgress && (
        <label className="flex items-center gap-2 text-sm">
          {t('running')}
          <progress max={100} value={percent} aria-valuetext={`${percent}%`} className="w-40">{percent}%</progress>
        </label>
      )}
      {job?.status === 'DONE' && <a className="font-medium text-rose-800 underline" href={`/api/v1/export-jobs/${job.id}/file`} download>{t('ready', { rows: job.rowsTotal ?? 0 })}</a>}
      {(job?.status === 'FAILED' || error) && <p role="alert" className="text-sm text-red-700">{error ?? t('failed')}</p>}
    </div>
  );
}
