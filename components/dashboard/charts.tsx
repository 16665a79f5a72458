'use client';

import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import { startTransition, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { ScrollBox } from '@/components/ui/scroll-box';
import { chartUnitFor } from '@/lib/i18n/format';
import type { DrawingUnit } from './chart-drawings';

// Charts of the dashboard. Amounts arrive as numbers of đồng (exact below 2^53) with their formatted
// text; axes and tooltips show triệu đồng, or tỷ đồng once the largest amount reaches a billion
// (the axis names the unit). Each chart has a table with the same figures (screen readers, print,
// and anyone who prefers numbers) behind "Xem dạng bảng". The drawing itself is hidden from screen
// readers and out of the tab order (no keyboard layer): the table is its accessible form.
// The drawings (recharts, ~100 KB of script, chart-drawings.tsx) load after the page is up and are
// drawn when the chart comes into view (a phone draws only what it shows): the figures are in the
// server-rendered tables from the first paint. Once one chart is drawn, printing the page draws
// all of them at the printed width, at once (beforeprint, or the print media query).

export interface ChartRow {
  key: string;
  label: string;
  href?: string;
  values: Record<string, number>;
  texts: Record<string, string>;
}

const Placeholder = () => <div className="h-full w-full rounded bg-slate-50 motion-safe:animate-pulse" />;

const loadDrawings = () => import('./chart-drawings');
const TrendDrawing = dynamic(() => loadDrawings().then((m) => m.TrendDrawing), { ssr: false, loading: Placeholder });
const BarsDrawing = dynamic(() => loadDrawings().then((m) => m.BarsDrawing), { ssr: false, loading: Placeholder });

/** Width of the drawing when it cannot be measured (an A4 page's text width, less the card's padding). */
const FALLBACK_WIDTH = 640;

/**
 * Whether to draw (true once a quarter of the element has been in view: a chart whose edge peeps
 * over the bottom of a phone's screen waits until it is scrolled to, or when the page is printed)
 * and at what width. Set in a transition, so React draws the chart in slices and a tap or a
 * keystroke meanwhile is not kept waiting; for print, at once.
 */
function useDrawing() {
  const ref = useRef<HTMLDivElement>(null);
  const [seen, setSeen] = useState(false);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => Math.round(element.getBoundingClientRect().width) || FALLBACK_WIDTH;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        startTransition(() => { setWidth(measure()); setSeen(true); });
        observer.disconnect();
      }
    }, { threshold: 0.25 });
    observer.observe(element);
    // Printing draws every chart at the width it has on paper. The module is usually loaded
    // already (the first chart in view fetched it). Browsers say so with beforeprint; the print
    // query's change and the resize print layout causes cover emulated print media (page.pdf()).
    const printQuery = window.matchMedia('print');
    const print = () => { void loadDrawings(); flushSync(() => { setSeen(true); setWidth(measure()); }); };
    const resized = new ResizeObserver(() => (printQuery.matches ? print() : setWidth(measure())));
    resized.observe(element);
    const onQuery = (event: MediaQueryListEvent) => { if (event.matches) print(); };
    window.addEventListener('beforeprint', print);
    printQuery.addEventListener('change', onQuery);
    return () => {
      observer.disconnect();
      resized.disconnect();
      window.removeEventListener('beforeprint', print);
      printQuery.removeEventListener('change', onQuery);
    };
  }, []);
  return { ref, seen: seen && width > 0, width };
}

/** The unit of a chart's amounts (all its series) and its name. */
function useUnit(rows: ChartRow[]): DrawingUnit {
  const t = useTranslations('dashboard.units');
  const unit = chartUnitFor(rows.flatMap((r) => Object.values(r.values)));
  return { unit, label: t(unit.key) };
}

function ChartFigure({ title, series, rows, children, testId }: {
  title: string;
  series: { key: string; label: string }[];
  rows: ChartRow[];
  children: (width: number) => ReactNode;
  testId: string;
}) {
  const t = useTranslations('dashboard');
  const { ref, seen, width } = useDrawing();
  return (
    <figure className="break-inside-avoid rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <figcaption className="mb-2 text-sm font-semibold text-slate-900">{title}</figcaption>
      <div ref={ref} className="h-64 w-full overflow-hidden" aria-hidden="true">{seen ? children(width) : <Placeholder />}</div>
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

/** Lending (bars) and outstanding (line) month by month. */
export function TrendChart({ title, rows, labels }: { title: string; rows: ChartRow[]; labels: { disbursed: string; outstanding: string } }) {
  const unit = useUnit(rows);
  return (
    <ChartFigure title={title} rows={rows} testId="chart-trend" series={[{ key: 'disbursed', label: labels.disbursed }, { key: 'outstanding', label: labels.outstanding }]}>
      {(width) => <TrendDrawing rows={rows} labels={labels} unit={unit} width={width} />}
    </ChartFigure>
  );
}

/** One series of bars; a click on a bar opens what is behind it. */
export function BarsChart({ title, rows, seriesKey, seriesLabel, horizontal = false, testId }: {
  title: string;
  rows: ChartRow[];
  seriesKey: string;
  seriesLabel: string;
  horizontal?: boolean;
  testId: string;
}) {
  const unit = useUnit(rows);
  return (
    <ChartFigure title={title} rows={rows} testId={testId} series={[{ key: seriesKey, label: seriesLabel }]}>
      {(width) => <BarsDrawing rows={rows} seriesKey={seriesKey} seriesLabel={seriesLabel} horizontal={horizontal} unit={unit} width={width} />}
    </ChartFigure>
  );
}
