'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';

interface Issue { row: number; column: string | null; message: string }

/** Uploads the XLSX of the sheet filled in Excel: saved at once like the form, or every problem listed. */
export function SheetUpload({ groupId, month }: { groupId: string; month: string }) {
  const t = useTranslations('sheets.import');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setIssues([]);
    try {
      const response = await fetch(`/api/v1/groups/${groupId}/collection-sheet/xlsx?month=${month}`, { method: 'POST', body: new FormData(event.currentTarget) });
      const body = await response.json().catch(() => null);
      if (body?.ok) router.refresh();
      else if (body?.issues) setIssues(body.issues);
      else setError(body?.error?.message ?? 'Error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="no-print mt-6 rounded-md border border-slate-200 p-3">
      <summary className="cursor-pointer text-sm font-medium">{t('title')}</summary>
      <form onSubmit={submit} className="mt-3 space-y-3">
        <p className="text-sm text-slate-600">{t('hint')}</p>
        <label className="block text-sm font-medium">{t('file')}
          <input type="file" name="file" accept=".xlsx" required className="mt-1 block w-full text-sm" />
        </label>
        {error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p>}
        {issues.length > 0 && (
          <div role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="sheet-import-issues">
            <p className="font-medium">{t('problems', { count: issues.length })}</p>
            <ul className="mt-2 list-disc space-y-1 pl-5">{issues.map((i, n) => <li key={n}>{t('row', { row: i.row })}: {i.message}</li>)}</ul>
          </div>
        )}
        <Button type="submit" variant="secondary" disabled={busy} aria-busy={busy}>{t('submit')}</Button>
      </form>
    </details>
  );
}
