import type { Locale } from '@/lib/i18n/config';
import type { TableSpec } from './types';
import { writeXlsx } from './write-xlsx';

/** The blank register officers download: headers, one example row, and the instructions sheet. */
export function buildTemplate(spec: TableSpec, options: { locale?: Locale } = {}): ReadableStream<Uint8Array> {
  const example = Object.fromEntries(spec.columns.map((column) => [column.key, column.example]));
  return writeXlsx(spec, [example], { instructions: true, locale: options.locale });
}
