import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { isoDate } from '@/lib/calendar/date-only';
import { todayInVietnam } from '@/lib/clock';
import { AppError } from '@/lib/errors';
import { maskPersonalData } from '@/lib/members/pii';
import { fieldsGiven, type PersonalField } from '@/lib/privacy/personal-fields';
import { recordExport } from '@/lib/privacy/record-export';
import type { ImportKind } from './kinds/kind';
import { importKind } from './kinds/registry';
import type { CsvDelimiter } from './csv';
import { writeCsv } from './write-csv';
import { writeXlsx } from './write-xlsx';

export type RegisterFormat = 'xlsx' | 'csv';
const READ = { 'org:manage': 'org:read', 'register:write': 'register:read', 'loan:apply': 'loan:read', 'loan:approve': 'loan:read' } as const;

/** A register of the actor's scope as XLSX or CSV, streamed, in the template's columns. */
export async function exportRegister(actor: Actor, kindName: string, format: string, delimiter: CsvDelimiter = ',') {
  const kind = registerToExport(actor, kindName, format);
  // Exports carry personal data: who exported what, and whose data, is recorded (decision 025).
  const { memberIds, fields } = await personalDataOf(actor, kind);
  await recordExport(actor, {
    audit: { action: `export.${kindName}`, entity: 'Export', after: { format, members: memberIds.length } },
    ...registerExportRecord(kindName, format, memberIds, fields),
  });
  return registerFile(actor, kind, format as RegisterFormat, delimiter);
}

/** The register to export, once the actor may read it and the format is known; throws otherwise. */
export function registerToExport(actor: Actor, kindName: string, format: string): ImportKind<unknown> {
  const kind = importKind(kindName);
  assertCan(actor, READ[kind.permission as keyof typeof READ] ?? kind.permission);
  if (format !== 'xlsx' && format !== 'csv') throw new AppError('BAD_REQUEST', 'imports.unknownFormat');
  return kind;
}

/** The members the export names and which of their personal data it gives in full, as of now. */
export async function personalDataOf(actor: Actor, kind: ImportKind<unknown>): Promise<{ memberIds: string[]; fields: PersonalField[] }> {
  const memberIds = kind.exportMemberIds ? await kind.exportMemberIds(actor) : [];
  return { memberIds, fields: fieldsGiven(actor, kind.spec.columns.map((c) => c.key)) };
}

/**
 * What the access log keeps of a register export, the same whether it was streamed or written by a
 * background job and downloaded later: "who exported her data" answers alike for both.
 */
export function registerExportRecord(kindName: string, format: string, memberIds: string[], fields: PersonalField[]) {
  return { source: `export.${kindName}`, format, memberIds, rowCount: memberIds.length, fields };
}

/** The file itself; `onRow` is told how many rows are written so far (a job's progress). */
export function registerFile(actor: Actor, kind: ImportKind<unknown>, format: RegisterFormat, delimiter: CsvDelimiter = ',', onRow?: (rowsDone: number) => void) {
  const rows = maskedRows(actor, kind.exportRows(actor), onRow);
  return {
    stream: format === 'csv' ? writeCsv(kind.spec, rows, delimiter) : writeXlsx(kind.spec, rows),
    fileName: registerFileName(kind.name, format),
    contentType: format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

/** "members-2026-12-07.xlsx": the register and the business day it was exported. */
export const registerFileName = (kindName: string, format: string) => `${kindName}-${isoDate(todayInVietnam())}.${format}`;

/** Export rows with national IDs and phones masked for roles that do not need them in full. */
async function* maskedRows(actor: Actor, rows: AsyncIterable<Record<string, string>>, onRow?: (rowsDone: number) => void) {
  let done = 0;
  for await (const row of rows) {
    yield maskPersonalData(actor, row);
    done += 1;
    onRow?.(done);
  }
}
