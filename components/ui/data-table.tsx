import type { ReactNode } from 'react';
import { ScrollBox } from '@/components/ui/scroll-box';

export interface Column<T> {
  header: string;
  cell: (row: T) => ReactNode;
  /** Amounts and counts line up on the right. */
  numeric?: boolean;
  className?: string;
}

/** The list table of every register: header row, one row per item, horizontal scroll on phones. */
/** `footer` is a totals row shaped like a row (rendered in bold under the list). */
export function DataTable<T>({ rows, columns, rowKey, testId, footer, caption }: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  testId?: string;
  footer?: T;
  caption?: string;
}) {
  const align = (c: Column<T>) => (c.numeric ? 'text-right tabular-nums whitespace-nowrap' : '');
  return (
    <ScrollBox>
      <table className="w-full text-left text-sm" data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={`py-2 pr-3 ${c.numeric ? 'text-right' : ''}`}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} className={`py-2 pr-3 ${align(c)} ${c.className ?? ''}`}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer && (
          <tfoot className="border-t-2 border-slate-300 font-semibold">
            <tr>
              {columns.map((c) => (
                <td key={c.header} className={`py-2 pr-3 ${align(c)}`}>{c.cell(footer)}</td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </ScrollBox>
  );
}
