'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ChartRow } from './charts';

// The drawings behind the dashboard's charts (charts.tsx), loaded on demand: recharts is the
// largest script of the app and the figures are already on the page in the charts' tables.

const ROSE = '#be123c';
const SLATE = '#475569';
const millions = (value: number) => (value / 1_000_000).toLocaleString('vi-VN', { maximumFractionDigits: 0 });

const flat = (rows: ChartRow[]) => rows.map((r) => ({ label: r.label, href: r.href, ...r.values }));
const tooltipText = (rows: ChartRow[], key: string) => (value: unknown, _name: unknown, item: { payload?: { label?: string } }) =>
  rows.find((r) => r.label === item.payload?.label)?.texts[key] ?? String(value);

/** Lending (bars) and outstanding (line) month by month. */
export function TrendDrawing({ rows, labels }: { rows: ChartRow[]; labels: { disbursed: string; outstanding: string } }) {
  return (
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
  );
}

/** One series of bars; a click on a bar opens what is behind it. */
export function BarsDrawing({ rows, seriesKey, seriesLabel, horizontal }: { rows: ChartRow[]; seriesKey: string; seriesLabel: string; horizontal: boolean }) {
  const router = useRouter();
  const open = (entry: { payload?: { href?: string } }) => entry.payload?.href && router.push(entry.payload.href);
  return (
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
  );
}
