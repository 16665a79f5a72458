'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

const FIELDS = ['loanNumber', 'nationalId', 'borrowerName', 'outstanding', 'interestPaid', 'savingsBalance'] as const;
type Columns = Partial<Record<(typeof FIELDS)[number], string>>;
interface Issue { row: number; column: string | null; message: string }
interface Preview { headers: string[]; columns: Columns; office: string | null }

const inputClass = 'block w-full min-h-10 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-600';
const labelClass = 'block text-sm font-medium text-slate-800';

/**
 * Two steps on one file: "Đọc tệp" shows the file's headers with the columns proposed for it (the
 * office's last choice, or the usual names); "Đối chiếu" sends the file with the chosen columns and
 * opens the result. The file stays in the browser between the steps: the server keeps nothing.
 */
export function ReconciliationUploadForm({ communes, defaultMonth }: { communes: { id: string; name: string }[]; defaultMonth: string }) {
  const t = useTranslations('reconciliation');
  const router = useRouter();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [columns, setColumns] = useState<Columns>({});
  const [issues, setIssues] = useState<Issue[]>([]);
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(form: HTMLFormElement, step: 'preview' | 'compare') {
    const data = new FormData(form);
    if (step === 'preview') data.set('preview', '1');
    else data.set('columns', JSON.stringify(columns));
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const response = await fetch('/api/v1/reconciliations', { method: 'POST', body: data });
      const body = await response.json().catch(() => null);
      if (body?.error) return setError({ message: body.error.message, fields: body.error.fields ?? {} });
      if (step === 'preview') {
        setPreview(body);
        setColumns(body.columns ?? {});
      } else if (body?.ok) router.push(`/reconciliation/${body.id}`);
      else setIssues(body?.issues ?? []);
    } catch {
      setError({ message: t('upload.offline'), fields: {} });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void send(event.currentTarget, preview ? 'compare' : 'preview');
  }

  const fieldError = (name: string) => error?.fields[name];
  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className={labelClass}>{t('upload.commune')}
          <select name="orgUnitId" className={`${inputClass} mt-1`} required onChange={() => setPreview(null)} aria-invalid={fieldError('orgUnitId') ? true : undefined}>
            {communes.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </label>
        <label className={labelClass}>{t('upload.month')}
          <input type="month" name="month" defaultValue={defaultMonth} className={`${inputClass} mt-1`} required aria-invalid={fieldError('month') ? true : undefined} />
          {fieldError('month') && <span className="mt-1 block text-sm text-red-700">{fieldError('month')}</span>}
        </label>
        <label className={labelClass}>{t('upload.file')}
          <input type="file" name="file" accept=".xlsx,.csv,text/csv" className={`${inputClass} mt-1`} required onChange={() => setPreview(null)} />
        </label>
      </div>
      {preview && (
        <fieldset className="rounded-md border border-slate-200 p-3">
          <legend className="px-1 text-sm font-semibold">{t('upload.columnsTitle')}</legend>
          <p className="mb-3 text-sm text-slate-600">{preview.office ? t('upload.columnsHint', { office: preview.office }) : t('upload.columnsHintNoOffice')}</p>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {FIELDS.map((field) => {
              const problem = fieldError(`columns.${field}`);
              return (
                <label key={field} className={labelClass}>{t(`field.${field}`)}
                  <select
                    value={columns[field] ?? ''}
                    onChange={(e) => setColumns({ ...columns, [field]: e.target.value || undefined })}
                    className={`${inputClass} mt-1`}
                    aria-invalid={problem ? true : undefined}
                  >
                    <option value="">{t('upload.notInFile')}</option>
                    {preview.headers.map((h) => <option key={h} value={h}>{h}</option>)}
                  </select>
                  {problem && <span className="mt-1 block text-sm text-red-700">{problem}</span>}
                </label>
              );
            })}
          </div>
        </fieldset>
      )}
      {error && !Object.keys(error.fields).some((f) => f === 'month' || f.startsWith('columns.')) && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error.message}</p>}
      {issues.length > 0 && (
        <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="reconciliation-issues">
          <p className="font-medium">{t('upload.rowsWithProblems', { count: issues.length })}</p>
          <ul className="mt-2 list-disc space-y-1 pl-5">
            {issues.map((issue, i) => <li key={i}>{t('upload.row', { row: issue.row })}: {issue.message}</li>)}
          </ul>
        </div>
      )}
      <Button type="submit" disabled={busy} aria-busy={busy}>{preview ? t('upload.compare') : t('upload.read')}</Button>
    </form>
  );
}
