import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { maskPersonalData } from '@/lib/members/pii';
import { fieldsGiven } from '@/lib/privacy/personal-fields';
import { recordExport } from '@/lib/privacy/record-export';
import { importKind } from './kinds/registry';
import type { CsvDelimiter } from './csv';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

/** A register of the actor's scope as XLSX or CSV, streamed, in the template's columns. */
export async function exportRegister(actor: Actor, kindName: string, format: string, delimiter: CsvDelimiter = ',') {
  const kind = importKind(kindName);
  const READ = { 'org:manage': 'org:read', 'register:write': 'register:read', 'loan:apply': 'loan:read', 'loan:approve': 'loan:read' } as const;
  assertCan(actor, READ[kind.permission as keyof typeof READ] ?? kind.permission);
  if (format !== 'xlsx' && format !== 'csv') throw new AppError('BAD_REQUEST', 'imports.unknownFormat');
  // Exports carry personal data: who exported what, and whose data, is recorded (decision 025).
  const memberIds = kind.exportMemberIds ? await kind.exportMemberIds(actor) : [];
  await recordExport(actor, {
    audit: { action: `export.${kindName}`, entity: 'Export', after: { format, members: memberIds.length } },
    source: `export.${kindName}`, format, memberIds, rowCount: memberIds.length, fields: fieldsGiven(actor, kind.spec.columns.map((c) => c.key)),
  });
  const rows = maskedRows(actor, kind.exportRows(actor));
  return {
    stream: format === 'csv' ? writeCsv(kind.spec, rows, delimiter) : writeXlsx(kind.spec, rows),
    fileName: `${kindName}-${isoDate(todayInVietnam())}.${format}`,
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

/** Export rows with national IDs and phones masked for roles that do not need them in full. */
async function* maskedRows(actor: Actor, rows: AsyncIterable<Record<string, string>> | Iterable<Record<string, string>>) {
  for await (const row of rows) yield maskPersonalData(actor, row);
}
