import type { Actor } from '@/lib/auth/actor';
import { assertCan } from '@/lib/auth/actor';
import { auditActorOf, writeAudit } from '@/lib/audit';
import { db, Prisma } from '@/lib/db';
import { AppError } from '@/lib/errors';
import type { Locale } from '@/lib/i18n/config';
import { translateMessage } from '@/lib/i18n/translate';
import type { RowIssue } from './kinds/kind';
import { importKind } from './kinds/registry';
import { readTable, type ImportFile } from './read-table';
import type { ImportIssue, TableSpec } from './types';

export interface ImportProgress {
  phase: 'reading' | 'validating' | 'writing';
  done: number;
  total: number;
}

export interface ImportResult {
  kind: string;
  dryRun: boolean;
  /** False when any row has a problem: then nothing was written. */
  ok: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
  extraHeaders: string[];
  /** A dry run's description of what would change, where the kind gives one (reorganisation). */
  preview?: unknown;
  /** Figures of what was (or would be) written, where the kind gives them: the repayments' total
   * principal and interest (whole đồng as digits) and how many rows' interest the ledger worked out. */
  summary?: Record<string, string | number>;
}

/**
 * A unique key taken meanwhile: by Prisma's own writes (P2002) or by a bulk INSERT (a raw query,
 * P2010, whose cause each driver adapter words its own way around PostgreSQL's code 23505).
 */
function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  type Cause = { code?: string; originalCode?: string; kind?: string };
  const cause = (error.meta as { driverAdapterError?: { cause?: Cause } } | undefined)?.driverAdapterError?.cause;
  const unique = cause?.code === '23505' || cause?.originalCode === '23505' || cause?.kind === 'UniqueConstraintViolation';
  return error.code === 'P2002' || (error.code === 'P2010' && unique);
}

/** Row issues in the user's language, naming the column by its Vietnamese header. */
export function translateIssues(spec: TableSpec, issues: RowIssue[], locale: Locale): ImportIssue[] {
  const header = new Map(spec.columns.map((c) => [c.key, c.header]));
  return issues
    .map((i) => {
      const column = i.column ? header.get(i.column) ?? i.column : null;
      const params = { ...i.message.params, ...(column && i.message.params?.field !== undefined ? { field: column } : {}) };
      return { row: i.row, column, message: translateMessage(locale, { key: i.message.key, params }) };
    })
    .sort((a, b) => a.row - b.row);
}

/**
 * Imports a register file all-or-nothing: every row is validated first; any problem → nothing is
 * written and every problem is listed. Otherwise all rows are written in one transaction. Codes
 * and CCCD are natural keys, so importing the same file twice changes nothing the second time.
 */
export async function runImport(
  actor: Actor,
  kindName: string,
  file: ImportFile,
  { dryRun, locale, onProgress = () => {} }: { dryRun: boolean; locale: Locale; onProgress?: (p: ImportProgress) => void },
): Promise<ImportResult> {
  assertCan(actor, 'import:run');
  const kind = importKind(kindName);
  assertCan(actor, kind.permission);
  onProgress({ phase: 'reading', done: 0, total: 0 });
  const table = await readTable(file, kind.spec);
  const total = table.rows.length;
  onProgress({ phase: 'validating', done: 0, total });
  const { parsed, issues } = await kind.validate(actor, table.rows);
  const actions = (parsed as { action: 'create' | 'update' | 'unchanged' }[]).map((row) => row.action);
  const counts = {
    created: actions.filter((a) => a === 'create').length,
    updated: actions.filter((a) => a === 'update').length,
    unchanged: actions.filter((a) => a === 'unchanged').length,
  };
  const base = { kind: kindName, dryRun, rows: total, extraHeaders: table.extraHeaders };
  if (issues.length > 0) {
    return { ...base, ok: false, created: 0, updated: 0, unchanged: 0, issues: translateIssues(kind.spec, issues, locale) };
  }
  const summary = kind.summarize ? { summary: kind.summarize(parsed) } : {};
  if (dryRun) return { ...base, ok: true, ...counts, issues: [], ...summary, ...(kind.describe ? { preview: kind.describe(parsed) } : {}) };

  let done = 0;
  onProgress({ phase: 'writing', done, total });
  try {
    const applied = await db.$transaction(
      async (tx) => {
        const result = await kind.apply(actor, tx, parsed, (n) => onProgress({ phase: 'writing', done: (done += n), total }));
        await writeAudit(tx, auditActorOf(actor), { action: `import.${kindName}`, entity: 'Import', after: { file: file.fileName, rows: total, ...result, ...summary } });
        return result;
      },
      { timeout: 600_000, maxWait: 30_000 },
    );
    return { ...base, ok: true, ...applied, issues: [], ...summary };
  } catch (error) {
    // Someone changed the same records between validation and writing: nothing was written.
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', 'imports.concurrentChange');
    throw error;
  }
}
