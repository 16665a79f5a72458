'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ScrollBox } from '@/components/ui/scroll-box';
import { ReorganisationPreview, type PreviewData } from '@/components/org/reorganisation-preview';
import { formatVnd } from '@/lib/money';

interface Issue {
  row: number;
  column: string | null;
  message: string;
}
interface Result {
  ok: boolean;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  issues: Issue[];
  extraHeaders: string[];
  preview?: PreviewData;
  /** The repayments' split (whole đồng as digits). */
  summary?: { principal: string; interest: string; interestComputed: number };
}
interface Progress {
  phase: 'queued' | 'reading' | 'validating' | 'writing';
  done: number;
  total: number;
}
interface Job {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  phase: Progress['phase'] | null;
  done: number;
  total: number;
  result: Result | null;
  error: { message: string } | null;
}

const POLL_MS = 700;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const inputClass = 'block w-full min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm';

/** Uploads a register file; shows progress while the server reads, checks and writes it. */
export function ImportForm({ kinds, defaultKind }: { kinds: { value: string; label: string }[]; defaultKind?: string }) {
  const t = useTranslations('imports.page');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  // The file goes up as a job (202 with its id) and the page asks how it is doing: a large import
  // outlasts any single request a browser or proxy would keep open.
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const kind = String(form.get('kind'));
    const dryRun = form.get('dryRun') ? '1' : '0';
    setBusy(true);
    setResult(null);
    setError(null);
    setProgress({ phase: 'reading', done: 0, total: 0 });
    try {
      const response = await fetch(`/api/v1/imports?kind=${encodeURIComponent(kind)}&dryRun=${dryRun}`, {
        method: 'POST',
        body: form,
        headers: { prefer: 'respond-async' },
      });
      const started = await response.json().catch(() => null);
      if (response.status !== 202) {
        setError(started?.error?.message ?? t('failed'));
        return;
      }
      for (;;) {
        await pause(POLL_MS);
        const polled = await fetch(`/api/v1/imports/jobs/${started.id}`);
        // Signed out, or the job is gone: say so. A server error: ask again.
        if (polled.status >= 400 && polled.status < 500) return setError((await polled.json().catch(() => null))?.error?.message ?? t('failed'));
        if (!polled.ok) continue;
        const job: Job = await polled.json();
        if (job.status === 'DONE') return setResult(job.result);
        if (job.status === 'FAILED') return setError(job.error?.message ?? t('failed'));
        setProgress({ phase: job.status === 'QUEUED' ? 'queued' : (job.phase ?? 'reading'), done: job.done, total: job.total });
      }
    } catch {
      setError(t('failed'));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  async function downloadErrors() {
    if (!formRef.current) return;
    const form = new FormData(formRef.current);
    const response = await fetch(`/api/v1/imports/error-report?kind=${encodeURIComponent(String(form.get('kind')))}`, { method: 'POST', body: form });
    if (!response.ok) {
      setError((await response.json().catch(() => null))?.error?.message ?? t('failed'));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const link = Object.assign(document.createElement('a'), { href: url, download: `loi-${form.get('kind')}.xlsx` });
    link.click();
    URL.revokeObjectURL(url);
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : undefined;
  return (
    <div className="space-y-4">
      <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate>
        <div className="grid gap-3 sm:grid-cols-2">
          <div className="space-y-1">
            <label htmlFor="import-kind" className="block text-sm font-medium">{t('kind')}</label>
            <select id="import-kind" name="kind" className={inputClass} defaultValue={defaultKind}>
              {kinds.map((k) => <option key={k.value} value={k.value}>{k.label}</option>)}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="import-file" className="block text-sm font-medium">{t('file')}</label>
            <input id="import-file" name="file" type="file" required accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" className={inputClass} />
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="dryRun" value="1" className="h-4 w-4" />
          {t('dryRun')}
        </label>
        <Button type="submit" disabled={busy} aria-busy={busy}>{t('submit')}</Button>
      </form>

      {progress && (
        <div role="status" aria-live="polite" className="space-y-1">
          <p className="text-sm">{t(`phase.${progress.phase}`, { done: progress.done, total: progress.total })}</p>
          <progress className="h-3 w-full accent-rose-700" max={100} value={percent} aria-label={t('progress')} />
        </div>
      )}
      {error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      {result?.ok && (
        <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="import-result">
          {t(result.dryRun ? 'dryRunOk' : 'done', { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged })}
        </p>
      )}
      {result?.ok && result.summary && (
        <p className="text-sm" data-testid="import-summary">
          {t(result.dryRun ? 'summaryDryRun' : 'summary', {
            principal: formatVnd(BigInt(result.summary.principal)),
            interest: formatVnd(BigInt(result.summary.interest)),
            computed: result.summary.interestComputed,
          })}
        </p>
      )}
      {result?.ok && result.preview && <ReorganisationPreview preview={result.preview} />}
      {result && result.extraHeaders.length > 0 && <p className="text-sm text-amber-900">{t('extraHeaders', { headers: result.extraHeaders.join(', ') })}</p>}
      {result && !result.ok && (
        <div className="space-y-2" data-testid="import-errors">
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{t('rejected', { count: result.issues.length, rows: result.rows })}</p>
          <Button variant="secondary" onClick={downloadErrors}>{t('downloadErrors')}</Button>
          <ScrollBox>
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 text-slate-600">
                <tr>
                  <th scope="col" className="py-2 pr-3">{t('row')}</th>
                  <th scope="col" className="py-2 pr-3">{t('column')}</th>
                  <th scope="col" className="py-2">{t('problem')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.issues.map((issue, index) => (
                  <tr key={index}>
                    <td className="py-2 pr-3 tabular-nums">{issue.row}</td>
                    <td className="py-2 pr-3">{issue.column ?? '—'}</td>
                    <td className="py-2">{issue.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        </div>
      )}
    </div>
  );
}
