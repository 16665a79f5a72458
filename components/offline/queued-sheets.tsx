'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ScrollBox } from '@/components/ui/scroll-box';
import { formatThousands, parseMoney } from '@/lib/money';
import { QUEUE_CHANGED, queuedSheets, removeQueuedSheet, sendQueuedSheet, type QueuedSheet } from '@/lib/offline/sheet-queue';

/** An amount as typed in the sheet ("1.234.567"); one that does not read as money counts as 0. */
const amountOf = (text: string) => {
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.value : 0n;
};

interface SavedSheet {
  date: string;
  rows: { member: { id: string; fullName: string }; saved: { loanPaid: number; savingsPaid: number } | null }[];
}

/** The sheets kept on this device: send one now, or, after a conflict, compare both and choose. */
export function QueuedSheets() {
  const t = useTranslations('sheets.offline');
  const [sheets, setSheets] = useState<QueuedSheet[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    const load = () => queuedSheets().then(setSheets, () => setSheets([]));
    void load();
    window.addEventListener(QUEUE_CHANGED, load);
    return () => window.removeEventListener(QUEUE_CHANGED, load);
  }, []);

  if (sheets === null) return null;
  return (
    <section id="offline-queue" aria-labelledby="offline-queue-title" className="rounded-lg border border-slate-200 bg-white p-4" data-testid="offline-queue">
      <h2 id="offline-queue-title" className="text-base font-semibold text-slate-900">{t('queueTitle')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('queueHelp')}</p>
      {message && <p role="status" className="mt-2 text-sm text-slate-800">{message}</p>}
      {sheets.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{t('queueEmpty')}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {sheets.map((sheet) => (
            <li key={sheet.key} className="rounded border border-slate-200 p-3 text-sm">
              <p className="font-medium">{sheet.groupLabel} · {sheet.month.slice(5)}/{sheet.month.slice(0, 4)}</p>
              <p className="text-slate-600">{t('queuedAt', { at: new Date(sheet.queuedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) })}</p>
              {sheet.error && <p className="text-red-800">{sheet.error}</p>}
              {sheet.status === 'queued' ? (
                <Button type="button" variant="secondary" onClick={async () => setMessage((await sendQueuedSheet(sheet)) === 'offline' ? t('stillOffline') : null)}>
                  {t('sendNow')}
                </Button>
              ) : (
                <Conflict sheet={sheet} onDone={setMessage} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Both versions side by side; the officer keeps the saved one, optionally adding what only hers has. */
function Conflict({ sheet, onDone }: { sheet: QueuedSheet; onDone: (message: string) => void }) {
  const t = useTranslations('sheets.offline');
  const tPage = useTranslations('sheets.page');
  const [saved, setSaved] = useState<SavedSheet | null>(null);
  const [busy, setBusy] = useState(false);

  async function compare() {
    const response = await fetch(`/api/v1/groups/${sheet.groupId}/collection-sheet?month=${sheet.month}`);
    if (response.ok) setSaved((await response.json()) as SavedSheet);
  }

  /** Posts, with keys derived from the sheet's, the members the saved version collected nothing from. */
  async function addMissing() {
    if (!saved) return;
    setBusy(true);
    let count = 0;
    const date = saved.date.slice(0, 10);
    for (const row of sheet.body.rows) {
      const theirs = saved.rows.find((r) => r.member.id === row.memberId)?.saved;
      const postings = [
        ...(!theirs?.loanPaid ? row.loans.map((l) => ({ url: `/api/v1/loans/${l.loanId}/repayments`, id: l.loanId, amount: l.amount })) : []),
        ...(!theirs?.savingsPaid ? row.savings.map((s) => ({ url: `/api/v1/savings/${s.accountId}/deposits`, id: s.accountId, amount: s.amount })) : []),
      ].filter((p) => amountOf(p.amount) > 0n);
      for (const posting of postings) {
        const response = await fetch(posting.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ date, amount: posting.amount, idempotencyKey: `${sheet.key}:${posting.id}` }),
        });
        if (response.ok) count += 1;
      }
    }
    await removeQueuedSheet(sheet.key);
    setBusy(false);
    onDone(t('added', { count }));
  }

  const mineOf = (row: QueuedSheet['body']['rows'][number]) => ({
    loan: row.loans.reduce((s, l) => s + amountOf(l.amount), 0n),
    saving: row.savings.reduce((s, x) => s + amountOf(x.amount), 0n),
  });

  return (
    <div className="mt-2 space-y-2" data-testid="sheet-conflict">
      <p role="alert" className="rounded bg-amber-50 p-2 text-amber-900">{t('conflict', { group: sheet.groupLabel, month: `${sheet.month.slice(5)}/${sheet.month.slice(0, 4)}` })}</p>
      {!saved ? (
        <Button type="button" variant="secondary" onClick={compare}>{t('compare')}</Button>
      ) : (
        <>
          <ScrollBox>
            <table className="w-full border-collapse text-left text-sm" data-testid="conflict-table">
              <thead className="text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3">{tPage('member')}</th>
                  <th scope="col" className="py-1 pr-3 text-right">{t('theirs')} ({t('loanAndSaving')})</th>
                  <th scope="col" className="py-1 pr-3 text-right">{t('mine')} ({t('loanAndSaving')})</th>
                </tr>
              </thead>
              <tbody>
                {sheet.body.rows.map((row) => {
                  const theirs = saved.rows.find((r) => r.member.id === row.memberId)?.saved;
                  const mine = mineOf(row);
                  const differs = BigInt(theirs?.loanPaid ?? 0) !== mine.loan || BigInt(theirs?.savingsPaid ?? 0) !== mine.saving;
                  return (
                    <tr key={row.memberId} className={`border-t border-slate-100 ${differs ? 'bg-amber-50' : ''}`}>
                      <th scope="row" className="py-1 pr-3 font-normal">{sheet.names[row.memberId] ?? row.memberId}{differs && <span className="ml-1 text-xs text-amber-900">({t('differs')})</span>}</th>
                      <td className="py-1 pr-3 text-right tabular-nums">{formatThousands(theirs?.loanPaid ?? 0)} · {formatThousands(theirs?.savingsPaid ?? 0)}</td>
                      <td className="py-1 pr-3 text-right tabular-nums">{formatThousands(mine.loan)} · {formatThousands(mine.saving)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollBox>
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="secondary" disabled={busy} onClick={async () => { await removeQueuedSheet(sheet.key); onDone(t('keepSaved')); }}>{t('keepSaved')}</Button>
            <Button type="button" disabled={busy} aria-busy={busy} onClick={addMissing}>{t('addMissing')}</Button>
          </div>
          <p className="text-xs text-slate-600">{t('addMissingHelp')}</p>
        </>
      )}
    </div>
  );
}
