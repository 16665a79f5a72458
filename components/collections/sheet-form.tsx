'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ScrollBox } from '@/components/ui/scroll-box';
import { putQueuedSheet } from '@/lib/offline/sheet-queue';

export interface SheetRow {
  memberId: string;
  name: string;
  loans: { loanId: string; number: string; interestDue: string; principalDue: string; overdue: string; due: string }[];
  savings: { accountId: string; scheme: string; expected: string }[];
}

const cell = 'border border-slate-300 px-2 py-1 align-top';
const input = 'w-28 rounded border border-slate-300 px-2 py-1 text-right tabular-nums';
const money = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * The editable sheet: amounts prefilled with what is due; one save posts everything or nothing.
 * Without a connection the save is kept on the device and sent later with the same key
 * (lib/offline/sheet-queue.ts), so it still posts once.
 */
export function SheetForm({ groupId, groupLabel, month, rows, formKey }: {
  groupId: string; groupLabel: string; month: string; rows: SheetRow[]; formKey: string;
}) {
  const t = useTranslations('sheets.page');
  const tOffline = useTranslations('sheets.offline');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [queued, setQueued] = useState(false);
  const [busy, setBusy] = useState(false);

  async function keepOffline(body: Parameters<typeof putQueuedSheet>[0]['body']) {
    const names = Object.fromEntries(rows.map((row) => [row.memberId, row.name]));
    await putQueuedSheet({ key: formKey, groupId, groupLabel, month, body, names, queuedAt: new Date().toISOString(), status: 'queued' });
    setQueued(true);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const body = {
      idempotencyKey: formKey,
      rows: rows.map((row) => ({
        memberId: row.memberId,
        attended: form.get(`attended-${row.memberId}`) === 'on',
        loans: row.loans.map((l) => ({ loanId: l.loanId, amount: String(form.get(`loan-${l.loanId}`) ?? '') })),
        savings: row.savings.map((s) => ({ accountId: s.accountId, amount: String(form.get(`saving-${s.accountId}`) ?? '') })),
      })),
    };
    setBusy(true);
    setError(null);
    try {
      if (!navigator.onLine) return await keepOffline(body);
      let response: Response;
      try {
        response = await fetch(`/api/v1/groups/${groupId}/collection-sheet?month=${month}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      } catch {
        return await keepOffline(body); // the connection dropped on the way
      }
      if (response.ok) router.refresh();
      else setError((await response.json().catch(() => null))?.error?.message ?? 'Error');
    } finally {
      setBusy(false);
    }
  }

  if (queued) return <p role="status" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900" data-testid="sheet-queued">{tOffline('queuedOffline')}</p>;

  return (
    <form onSubmit={submit} className="space-y-3">
      <ScrollBox>
        <table className="w-full border-collapse text-sm" data-testid="sheet">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className={cell}>#</th>
              <th scope="col" className={cell}>{t('member')}</th>
              <th scope="col" className={cell}>{t('attended')}</th>
              <th scope="col" className={cell}>{t('loan')}</th>
              <th scope="col" className={cell}>{t('interest')}</th>
              <th scope="col" className={cell}>{t('principal')}</th>
              <th scope="col" className={cell}>{t('collectedLoan')}</th>
              <th scope="col" className={cell}>{t('collectedSaving')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={row.memberId}>
                <td className={cell}>{index + 1}</td>
                <td className={cell}>{row.name}</td>
                <td className={`${cell} text-center`}>
                  <input type="checkbox" name={`attended-${row.memberId}`} defaultChecked aria-label={`${t('attended')}: ${row.name}`} className="h-4 w-4" />
                </td>
                <td className={cell}>{row.loans.map((l) => <div key={l.loanId} className="font-mono text-xs">{l.number}</div>)}</td>
                <td className={`${cell} text-right tabular-nums`}>{row.loans.map((l) => <div key={l.loanId}>{money(l.interestDue)}</div>)}</td>
                <td className={`${cell} text-right tabular-nums`}>
                  {row.loans.map((l) => <div key={l.loanId}>{money(l.principalDue)}{l.overdue !== '0' && <span className="block text-xs text-red-800">{t('overdue')}: {money(l.overdue)}</span>}</div>)}
                </td>
                <td className={cell}>
                  {row.loans.map((l) => (
                    <input key={l.loanId} name={`loan-${l.loanId}`} defaultValue={money(l.due)} inputMode="numeric" aria-label={`${t('collectedLoan')}: ${row.name} ${l.number}`} className={input} />
                  ))}
                </td>
                <td className={cell}>
                  {row.savings.map((s) => (
                    <input key={s.accountId} name={`saving-${s.accountId}`} defaultValue={money(s.expected)} inputMode="numeric" aria-label={`${t('collectedSaving')}: ${row.name} ${s.scheme}`} className={input} />
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
      {error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      <Button type="submit" disabled={busy} aria-busy={busy}>{t('save')}</Button>
    </form>
  );
}
