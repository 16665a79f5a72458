'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ScrollBox } from '@/components/ui/scroll-box';

// Charts of the dashboard. Amounts arrive as numbers of đồng (exact below 2^53) with their formatted
// text; axes show millions. Each chart has a table with the same figures (screen readers, print,
// and anyone who prefers numbers) behind "Xem dạng bảng". The drawing itself is hidden from screen
// readers and out of the tab order (no keyboard layer): the table is its accessible form.

export interface ChartRow {
  key: string;
  label: string;
  href?: string;
  values: Record<string, number>;
  texts: Record<string, string>;
}

const ROSE = '#be123c';
const SLATE = '#475569';
const millions = (value: number) => (value / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 0 });

function ChartFigure({ title, series, rows, children, testId }: { title: string; series: { key: string; label: string }[]; rows: ChartRow[]; children: ReactNode; testId: string }) {
  const t = useTranslations('dashboard');
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-900">{title}</figcaption>
      <div className="h-64 w-full" aria-hidden="true">{children}</div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-rose-800">{t('showTable')}</summary>
        <ScrollBox className="mt-2 max-h-72 overflow-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{title}</caption>
            <thead className="text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-2">{t('item')}</th>
                {series.map((s) => <th key={s.key} scope="col" className="py-1 pr-2 text-right">{s.label}</th>)}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-2 font-normal">{r.href ? <a className="text-rose-800 underline" href={r.href}>{r.label}</a> : r.label}</th>
                  {series.map((s) => <td key={s.key} className="py-1 pr-2 text-right tabular-nums">{r.texts[s.key]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </details>
    </figure>
  );
}

const flat = (rows: ChartRow[]) => rows.map((r) => ({ label: r.label, href: r.href, ...r.values }));
const tooltipText = (rows: ChartRow[], key: string) => (value: unknown, _name: unknown, item: { payload?: { label?: string } }) =>
  rows.find((r) => r.label === item.payload?.label)?.texts[key] ?? String(value);

/** Lending (bars) and outstanding (line) month by month. */
export function TrendChart({ title, rows, labels }: { title: string; rows: ChartRow[]; labels: { disbursed: string; outstanding: string } }) {
  return (
    <ChartFigure title={title} rows={rows} testId="chart-trend" series={[{ key: 'disbursed', label: labels.disbursed }, { key: 'outstanding', label: labels.outstanding }]}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart accessibilityLayer={false} data={flat(rows)} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tickFormatter={millions} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={(v, n, item) => tooltipText(rows, n === labels.disbursed ? 'disbursed' : 'outstanding')(v, n, item as never)} />
          <Legend />
          <Bar dataKey="disbursed" name={labels.disbursed} fill={SLATE} isAnimationActive={false} />
          <Line dataKey="outstanding" name={labels.outstanding} stroke={ROSE} strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}

/** One series of bars; a click on a bar opens what is behind it. */
export function BarsChart({ title, rows, seriesKey, seriesLabel, horizontal = false, testId }: { title: string; rows: ChartRow[]; seriesKey: string; seriesLabel: string; horizontal?: boolean; testId: string }) {
  const router = useRouter();
  const open = (entry: { payload?: { href?: string } }) => entry.payload?.href && router.push(entry.payload.href);
  return (
    <ChartFigure title={title} rows={rows} testId={testId} series={[{ key: seriesKey, label: seriesLabel }]}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={flat(rows)} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 8, left: 0, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={millions} tick={{ fontSize: 11 }} />
              <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 11 }} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis tickFormatter={millions} tick={{ fontSize: 11 }} width={56} />
            </>
          )}
          <Tooltip formatter={tooltipText(rows, seriesKey) as never} />
          <Bar dataKey={seriesKey} name={seriesLabel} fill={ROSE} cursor={rows.some((r) => r.href) ? 'pointer' : undefined} onClick={open as never} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
