import type { Locale } from '@/lib/i18n/config';
import { translator } from '@/lib/i18n/translate';
import type { ImportIssue, TableRow, TableSpec } from './types';
import { writeXlsx } from './write-xlsx';

/**
 * The officer's own rows back, with a last "Lỗi" column saying what to fix on each: she corrects
 * the file in place and imports it again. Rows without errors stay, with the column empty, so
 * the file remains the whole register.
 */
export function buildErrorReport(
  spec: TableSpec,
  rows: readonly TableRow[],
  errors: readonly ImportIssue[],
  options: { locale?: Locale } = {},
): ReadableStream<Uint8Array> {
  const messagesByRow = new Map<number, string[]>();
  for (const issue of errors) {
    const messages = messagesByRow.get(issue.row) ?? [];
    messages.push(issue.message);
    messagesByRow.set(issue.row, messages);
  }
  const values = new Map<number, string>();
  rows.forEach((row, index) => {
    const messages = messagesByRow.get(row.rowNumber);
    if (messages) values.set(index, messages.join('; '));
  });
  const header = translator(options.locale ?? 'vi')('imports.errorColumn');
  return writeXlsx(spec, rows.map((row) => row.values), { extraColumn: { header, values } });
}
