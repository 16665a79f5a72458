'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FocusEvent, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { sheetTotals } from '@/lib/collections/sheet-totals';
import { formatVnd } from '@/lib/money';
import { putQueuedSheet } from '@/lib/offline/sheet-queue';

export interface SheetRow {
  memberId: string;
  name: string;
  loans: { loanId: string; number: string; interestDue: string; principalDue: string; overdue: string; due: string }[];
  savings: { accountId: string; scheme: string; expected: string }[];
}

const input = 'w-32 rounded border border-slate-300 px-2 py-1.5 text-right text-base font-normal tabular-nums';
const money = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * The editable sheet: amounts prefilled with what is due; one save posts everything or nothing.
 * Each member is a card (both boxes visible on a 360 px phone, each savings box named by its
 * account), with a running total of loans, savings and cash kept in view at the bottom.
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
  // The running total starts from the prefilled amounts and follows every keystroke.
  const [totals, setTotals] = useState(() => sheetTotals(rows.flatMap((row) => [
    ...row.loans.map((l) => [`loan-${l.loanId}`, money(l.due)] as const),
    ...row.savings.map((s) => [`saving-${s.accountId}`, money(s.expected)] as const),
  ])));
  // A box the phone scrolled to but left under the total at the bottom is lifted above it.
  const bar = useRef<HTMLDivElement>(null);
  const keepAboveTotal = (event: FocusEvent<HTMLFormElement>) => {
    if (!bar.current || bar.current.contains(event.target)) return;
    const barTop = bar.current.getBoundingClientRect().top;
    const box = event.target.getBoundingClientRect();
    if (box.bottom > barTop - 8) window.scrollBy({ top: box.bottom - barTop + 16 });
  };
  const recount = (form: HTMLFormElement) => setTotals(sheetTotals([...new FormData(form)].map(([name, value]) => [name, String(value)] as const)));

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

  // One markup for every screen: a card per member on a phone, the same cards laid out as table
  // rows from md up (the inputs exist once, so their names and labels stay unique).
  const columns = 'md:grid md:grid-cols-[minmax(11rem,15rem)_minmax(0,1fr)_minmax(14rem,18rem)] md:gap-4';
  return (
    <form onSubmit={submit} onInput={(event) => recount(event.currentTarget)} onFocus={keepAboveTotal} className="space-y-3">
      <div role="table" aria-label={t('title', { month: `${month.slice(5)}/${month.slice(0, 4)}` })} className="text-sm" data-testid="sheet">
        <div role="rowgroup" className="hidden md:block">
          <div role="row" className={`${columns} rounded-t-md border border-slate-300 bg-slate-100 px-3 py-2 font-medium text-slate-800`}>
            <span role="columnheader">{t('member')} · {t('attended')}</span>
            <span role="columnheader">{t('loan')} · {t('interest')} · {t('principal')} · {t('collectedLoan')}</span>
            <span role="columnheader">{t('collectedSaving')}</span>
          </div>
        </div>
        <div role="rowgroup" className="space-y-2 md:space-y-0">
          {rows.map((row, index) => (
            <div
              role="row"
              key={row.memberId}
              className={`${columns} grid gap-3 rounded-lg border border-slate-300 bg-white p-3 md:rounded-none md:border-t-0`}
              data-testid="sheet-member"
            >
              <div role="rowheader" className="flex items-start justify-between gap-2">
                <span className="font-medium text-slate-900"><span className="tabular-nums text-slate-500">{index + 1}.</span> {row.name}</span>
                <label className="flex shrink-0 items-center gap-1.5 text-slate-700">
                  <input type="checkbox" name={`attended-${row.memberId}`} defaultChecked aria-label={`${t('attended')}: ${row.name}`} className="h-5 w-5" />
                  {t('attended')}
                </label>
              </div>
              <div role="cell" className="space-y-3">
                {row.loans.length === 0 && <p className="text-xs text-slate-500">{t('noLoan')}</p>}
                {row.loans.map((l) => (
                  <div key={l.loanId} className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-x-3">
                    <div className="min-w-0 text-xs text-slate-700">
                      <p className="font-mono text-slate-900">{l.number}</p>
                      <p className="tabular-nums">{t('interest')}: {money(l.interestDue)}</p>
                      <p className="tabular-nums">{t('principal')}: {money(l.principalDue)}</p>
                      {l.overdue !== '0' && <p className="font-medium text-red-800">{t('overdue')}: {money(l.overdue)}</p>}
                    </div>
                    <label className="flex flex-col gap-1 text-xs font-medium text-slate-800">
                      {t('collectedLoan')}
                      <input name={`loan-${l.loanId}`} defaultValue={money(l.due)} inputMode="numeric" aria-label={`${t('collectedLoan')}: ${row.name} ${l.number}`} className={input} />
                    </label>
                  </div>
                ))}
              </div>
              <div role="cell" className="space-y-2">
                {row.savings.length === 0 && <p className="text-xs text-slate-500">{t('noSaving')}</p>}
                {row.savings.map((s) => (
                  <label key={s.accountId} className="grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 text-xs font-medium text-slate-800">
                    {s.scheme}
                    <input name={`saving-${s.accountId}`} defaultValue={money(s.expected)} inputMode="numeric" aria-label={`${t('collectedSaving')}: ${row.name} ${s.scheme}`} className={input} />
                  </label>
                ))}
              </div>
            </div>
          ))}
        </div>
      </div>
      {error && <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">{error}</p>}
      <div ref={bar} data-testid="running-total" className="sticky bottom-0 z-10 print:hidden -mx-4 border-t border-slate-300 bg-white px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] sm:-mx-6 sm:px-6 md:flex md:items-center md:justify-between md:gap-4">
        <div aria-live="polite" aria-label={t('running')} role="group" className="min-w-0 md:flex-1">
          <dl className="flex flex-wrap justify-between gap-x-3 gap-y-1 md:justify-start md:gap-x-8">
            <div className="min-w-0">
              <dt className="text-xs text-slate-600">{t('runningLoans')}</dt>
              <dd className="text-sm font-semibold tabular-nums text-slate-900" data-testid="running-loans">{formatVnd(totals.loans)}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-xs text-slate-600">{t('runningSavings')}</dt>
              <dd className="text-sm font-semibold tabular-nums text-slate-900" data-testid="running-savings">{formatVnd(totals.savings)}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-xs text-slate-600">{t('runningCash')}</dt>
              <dd className="text-sm font-bold tabular-nums text-rose-800" data-testid="running-cash">{formatVnd(totals.cash)}</dd>
            </div>
          </dl>
          {totals.unreadable > 0 && <p className="mt-1 text-xs text-red-800" data-testid="running-unreadable">{t('unreadable', { count: totals.unreadable })}</p>}
        </div>
        <Button type="submit" disabled={busy} aria-busy={busy} className="mt-2 w-full md:mt-0 md:w-auto">{t('save')}</Button>
      </div>
    </form>
  );
}
