'use client';

import { useRouter } from 'next/navigation';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { formatInUnit, type ChartUnit } from '@/lib/i18n/format';
import type { ChartRow } from './charts';

// The drawings behind the dashboard's charts (charts.tsx), loaded on demand: recharts is the
// largest script of the app and the figures are already on the page in the charts' tables.
// Amounts are drawn in the chart's unit (triệu or tỷ đồng, named on the amount axis and in the
// tooltip). The size is given (measured by charts.tsx), not left to ResponsiveContainer, whose
// first render is empty: a chart drawn when the page is printed must be whole at once.

const ROSE = '#be123c';
const SLATE = '#475569';
export const CHART_HEIGHT = 256;

/** The chart's unit and its name ("triệu đồng"), for the axis and the tooltip. */
export interface DrawingUnit { unit: ChartUnit; label: string }
/** Width in CSS pixels. */
interface Size { width: number }

const flat = (rows: ChartRow[]) => rows.map((r) => ({ label: r.label, href: r.href, ...r.values }));
const tooltipText = ({ unit, label }: DrawingUnit) => (value: unknown) => (typeof value === 'number' ? `${formatInUnit(value, unit)} ${label}` : String(value));
const tick = { fontSize: 11 };
const axisLabel = (label: string) => ({ value: label, angle: -90, position: 'insideLeft' as const, offset: 10, style: { textAnchor: 'middle' as const, fontSize: 11, fill: SLATE } });

/** Lending (bars) and outstanding (line) month by month. */
export function TrendDrawing({ rows, labels, unit, width }: {
  rows: ChartRow[];
  labels: { disbursed: string; outstanding: string };
  unit: DrawingUnit;
} & Size) {
  return (
    <ComposedChart width={width} height={CHART_HEIGHT} accessibilityLayer={false} data={flat(rows)} margin={{ top: 8, right: 8, left: 8, bottom: 0 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      <XAxis dataKey="label" tick={tick} interval="preserveStartEnd" />
      <YAxis tickFormatter={(v: number) => formatInUnit(v, unit.unit)} tick={tick} width={64} label={axisLabel(unit.label)} />
      <Tooltip formatter={tooltipText(unit)} />
      <Legend />
      <Bar dataKey="disbursed" name={labels.disbursed} fill={SLATE} isAnimationActive={false} />
      <Line dataKey="outstanding" name={labels.outstanding} stroke={ROSE} strokeWidth={2} dot={false} isAnimationActive={false} />
    </ComposedChart>
  );
}

/** One series of bars; a click on a bar opens what is behind it. */
export function BarsDrawing({ rows, seriesKey, seriesLabel, horizontal, unit, width }: {
  rows: ChartRow[];
  seriesKey: string;
  seriesLabel: string;
  horizontal: boolean;
  unit: DrawingUnit;
} & Size) {
  const router = useRouter();
  const open = (entry: { payload?: { href?: string } }) => entry.payload?.href && router.push(entry.payload.href);
  const amounts = { tickFormatter: (v: number) => formatInUnit(v, unit.unit), tick };
  return (
    <BarChart width={width} height={CHART_HEIGHT} accessibilityLayer={false} data={flat(rows)} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, left: 8, bottom: 4 }}>
      <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
      {horizontal ? (
        <>
          <XAxis type="number" {...amounts} height={40} label={{ value: unit.label, position: 'insideBottom', offset: 2, style: { fontSize: 11, fill: SLATE } }} />
          <YAxis type="category" dataKey="label" width={110} tick={tick} />
        </>
      ) : (
        <>
          <XAxis dataKey="label" tick={tick} />
          <YAxis {...amounts} width={64} label={axisLabel(unit.label)} />
        </>
      )}
      <Tooltip formatter={tooltipText(unit)} />
      <Bar dataKey={seriesKey} name={seriesLabel} fill={ROSE} cursor={rows.some((r) => r.href) ? 'pointer' : undefined} onClick={open as never} isAnimationActive={false} />
    </BarChart>
  );
}
