import type { Actor } from '@/lib/auth/actor';
import { AppError } from '@/lib/errors';
import { csvDelimiterOf } from '@/lib/imports/csv';
import { personalDataOf, registerFile, registerFileName, registerToExport, type RegisterFormat } from '@/lib/imports/export-register';
import { IMPORT_KIND_NAMES, type ImportKindName } from '@/lib/imports/kinds/kind';

// A register (members, groups, loans …) exported by a background job (decision 028): the same file
// as GET /api/v1/exports/:kind streams, written by the export worker into EXPORT_DIR with its
// progress, so a province's 100,000 members never hold a request open for the whole export.

export const REGISTER_JOB_PREFIX = 'register.';
export const REGISTER_JOB_KINDS = IMPORT_KIND_NAMES.map((name) => `${REGISTER_JOB_PREFIX}${name}`);

/** Job parameters: only the CSV separator (";" for Excel with Vietnamese regional settings). */
export interface RegisterJobParams {
  sep?: string;
}

export const isRegisterJobKind = (kind: string) => kind.startsWith(REGISTER_JOB_PREFIX);
/** "register.members" → "members". */
export const registerNameOf = (kind: string) => kind.slice(REGISTER_JOB_PREFIX.length);

/** Checked in the request, before anything is queued: the register, the format and the actor's right to read it. */
export function checkRegisterJob(actor: Actor, kind: string, format: string): void {
  const name = registerNameOf(kind);
  if (!IMPORT_KIND_NAMES.includes(name as ImportKindName)) {
    throw new AppError('VALIDATION', 'reports.export.unknownKind', {}, { kind: { key: 'reports.export.unknownKind' } });
  }
  if (format !== 'xlsx' && format !== 'csv') throw new AppError('VALIDATION', 'reports.export.unknownFormat', {}, { format: { key: 'reports.export.unknownFormat' } });
  registerToExport(actor, name, format);
}

/**
 * The register's export as the job's creator sees it now: its size (the progress' 100 %), whose
 * personal data it gives (recorded at download, as the streamed export records it at once) and a
 * way to write it, telling `progress` how many rows are written.
 */
export async function prepareRegisterJob(actor: Actor, kind: string, format: string, params: RegisterJobParams) {
  checkRegisterJob(actor, kind, format);
  const register = registerToExport(actor, registerNameOf(kind), format);
  const rowsTotal = await register.exportCount(actor);
  const { memberIds, fields } = await personalDataOf(actor, register);
  const file = (progress: (rowsDone: number) => void) => registerFile(actor, register, format as RegisterFormat, csvDelimiterOf(params.sep), progress);
  return { rowsTotal, memberIds, personalFields: fields, fileName: registerFileName(register.name, format), file };
}
