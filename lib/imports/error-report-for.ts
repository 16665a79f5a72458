import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import type { Locale } from '@/lib/i18n/config';
import { buildErrorReport } from './build-error-report';
import { importKind } from './kinds/registry';
import { readTable, type ImportFile } from './read-table';
import { translateIssues } from './run-import';

/** Validates the file again (nothing is written) and returns it with a column of each row's errors. */
export async function errorReportFor(actor: Actor, kindName: string, file: ImportFile, locale: Locale) {
  assertCan(actor, 'import:run');
  const kind = importKind(kindName);
  assertCan(actor, kind.permission);
  const table = await readTable(file, kind.spec);
  const { issues } = await kind.validate(actor, table.rows);
  return buildErrorReport(kind.spec, table.rows, translateIssues(kind.spec, issues, locale), { locale });
}
