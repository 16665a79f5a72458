import { foldVietnamese } from './normalize';
import type { ColumnSpec, TableSpec } from './types';

/**
 * Finds a spec column by the header an officer typed: case, spacing, Unicode form and accents
 * do not matter ("so cccd" finds "Số CCCD"), and aliases count as the header.
 */
export function headerMatcher(spec: TableSpec): (header: string) => ColumnSpec | undefined {
  const byFolded = new Map<string, ColumnSpec>();
  for (const column of spec.columns) {
    for (const name of [column.header, ...(column.aliases ?? [])]) {
      const folded = foldVietnamese(name);
      if (!byFolded.has(folded)) byFolded.set(folded, column);
    }
  }
  return (header) => byFolded.get(foldVietnamese(header));
}
